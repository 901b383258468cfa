package org.leadrelay.kit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;

class OperatorAccountsTest {

    @Test
    void operators_get_the_operator_role_and_other_callers_only_theirs() {
        UserDetailsService accounts = OperatorAccounts.of(Map.of("ada", "{noop}ada-password"), "KEY_READER",
                Map.of("notification-service", "{noop}service-password"));

        assertThat(accounts.loadUserByUsername("ada").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_OPERATOR");
        assertThat(accounts.loadUserByUsername("notification-service").getAuthorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("ROLE_KEY_READER");
    }

    @Test
    void a_name_that_is_both_an_operator_and_another_caller_stops_the_start() {
        assertThatThrownBy(() -> OperatorAccounts.of(Map.of("ada", "{noop}a", "bob", "{noop}b"), "KEY_READER",
                Map.of("bob", "{noop}c")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("an account is both an operator and a KEY_READER: [bob]");
    }
}
