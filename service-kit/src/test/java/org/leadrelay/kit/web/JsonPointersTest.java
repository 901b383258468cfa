package org.leadrelay.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPointersTest {

    @Test
    void turnsPropertyPathsIntoJsonPointers() {
        assertThat(JsonPointers.fromPropertyPath("contact.email")).isEqualTo("/contact/email");
        assertThat(JsonPointers.fromPropertyPath("need.products[2]")).isEqualTo("/need/products/2");
        assertThat(JsonPointers.fromPropertyPath("consent")).isEqualTo("/consent");
        assertThat(JsonPointers.fromPropertyPath("")).isEmpty();
    }

    @Test
    void escapesSlashAndTilde() {
        assertThat(JsonPointers.fromPropertyPath("a/b.c~d")).isEqualTo("/a~1b/c~0d");
    }
}
