package org.leadrelay.notification;

import org.junit.jupiter.api.Test;
import org.leadrelay.testing.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void onlyAdaptersTouchTheDatabaseOrBroker() {
        ServiceArchitecture.check("org.leadrelay.notification");
    }
}
