package org.leadrelay.directory;

import org.junit.jupiter.api.Test;
import org.leadrelay.testing.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void onlyAdaptersTouchTheDatabaseOrBroker() {
        ServiceArchitecture.check("org.leadrelay.directory");
    }
}
