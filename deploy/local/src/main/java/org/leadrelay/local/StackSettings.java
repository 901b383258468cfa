package org.leadrelay.local;

import java.nio.file.Path;

/**
 * How the stack runs.
 *
 * @param dataDir    where everything is kept ({@code --data-dir}, default {@code ./.leadrelay})
 * @param home       the Lead Relay checkout holding the built services ({@code --home}, default {@code .})
 * @param portOffset added to every port ({@code --port-offset}, default 0)
 * @param reset      wipe the data directory before starting ({@code --reset})
 * @param demoPartner how the demo partner answers offers ({@code --demo-partner=accept|decline|silent}, default accept)
 */
record StackSettings(Path dataDir, Path home, int portOffset, boolean reset, DemoPartner.Mode demoPartner) {

    Ports ports() {
        return Ports.withOffset(portOffset);
    }
}
