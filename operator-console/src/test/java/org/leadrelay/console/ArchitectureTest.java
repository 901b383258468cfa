package org.leadrelay.console;

import org.junit.jupiter.api.Test;
import org.leadrelay.testing.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void onlyAdaptersTouchTheDatabaseOrBroker() {
        ServiceArchitecture.check("org.leadrelay.console");
    }
}
