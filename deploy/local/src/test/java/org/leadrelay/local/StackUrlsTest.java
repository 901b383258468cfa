package org.leadrelay.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StackUrlsTest {

    @Test
    void theConsoleComesRightAfterTheLeadFormWithItsAccounts() {
        List<String> lines = Stack.urls(Ports.withOffset(0)).lines().toList();

        assertThat(lines.get(0)).contains("Lead form:", "http://127.0.0.1:8081/form");
        assertThat(lines.get(1)).contains("Operator console:", "http://127.0.0.1:8085/", "operator / local-operator-password",
                "viewer / local-viewer-password");
    }

    @Test
    void anOffsetMovesTheConsolesPortWithTheOthers() {
        Ports ports = Ports.withOffset(300);

        assertThat(ports.console()).isEqualTo(8385);
        assertThat(ports.byUse()).containsEntry("operator-console", 8385);
        assertThat(Stack.urls(ports).lines().toList().get(1)).contains("http://127.0.0.1:8385/");
    }
}
