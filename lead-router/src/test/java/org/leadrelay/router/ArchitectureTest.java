package org.leadrelay.router;

import org.junit.jupiter.api.Test;
import org.leadrelay.testing.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void routingLogicIsPlainJavaAndOnlyAdaptersTouchTheDatabaseOrBroker() {
        ServiceArchitecture.check("org.leadrelay.router", "org.leadrelay.router.routing");
    }
}
