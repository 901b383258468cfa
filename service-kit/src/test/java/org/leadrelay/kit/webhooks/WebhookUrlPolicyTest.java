package org.leadrelay.kit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookUrlPolicyTest {

    private final WebhookUrlPolicy policy = new WebhookUrlPolicy(List.of("demo-partner.local"));

    @Test
    void refusesPlainHttp() {
        assertThat(policy.refusal(URI.create("http://93.184.215.14/hook"))).hasValue("must use https");
    }

    @Test
    void refusesLoopbackPrivateAndLinkLocalAddresses() {
        assertThat(policy.refusal(URI.create("https://127.0.0.1/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://10.1.2.3/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://192.168.1.10/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://169.254.169.254/latest/meta-data"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[::1]/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[fd00::1]/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://0.0.0.0/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://100.100.100.200/latest/meta-data"))).isPresent();
        assertThat(policy.refusal(URI.create("https://192.0.0.192/opc/v2/instance"))).isPresent();
        assertThat(policy.refusal(URI.create("https://198.18.0.1/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://255.255.255.255/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[::ffff:10.0.0.1]/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[fd00:ec2::254]/latest/meta-data"))).isPresent();
    }

    @Test
    void acceptsAPublicHttpsAddress() {
        assertThat(policy.refusal(URI.create("https://93.184.215.14/hooks/leads"))).isEmpty();
    }

    @Test
    void acceptsAnAllowListedHostOverHttp() {
        assertThat(policy.refusal(URI.create("http://demo-partner.local:8089/hooks"))).isEmpty();
    }

    @Test
    void refusesCredentialsInTheUrl() {
        assertThat(policy.refusal(URI.create("https://user:pw@93.184.215.14/hook"))).hasValue("must not carry credentials");
    }

    @Test
    void refusesARelativeUrl() {
        assertThat(policy.refusal(URI.create("/hooks"))).isPresent();
    }
}
