package org.leadrelay.kit;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The smallest service: just the kit, for testing it against the real broker and database. */
@SpringBootApplication
public class KitTestApplication {
}
