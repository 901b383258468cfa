package org.leadrelay.kit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy.RefusedAddressException;

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
    void refusesNat64AddressesThatCarryANonPublicIpv4Address() {
        assertThat(policy.refusal(URI.create("https://[64:ff9b::a00:1]/hook"))).hasValue(
                "must not resolve to a private, loopback, link-local or metadata address (NAT64 of an IPv4 private network address)");
        assertThat(policy.refusal(URI.create("https://[64:ff9b::7f00:1]/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[64:ff9b::a9fe:a9fe]/latest/meta-data"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[64:ff9b::6440:1]/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[64:ff9b:1::a00:1]/hook"))).isPresent();
        // a local-use prefix longer than /48 that is not /96: where its IPv4 address sits cannot be told
        assertThat(policy.refusal(URI.create("https://[64:ff9b:1:5d:b8d7:e00::]/hook"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[2002:a00:1::1]/hook"))).isPresent();
    }

    @Test
    void acceptsANat64AddressOfAPublicIpv4Address() {
        assertThat(policy.refusal(URI.create("https://[64:ff9b::5db8:d70e]/hook"))).isEmpty();
        assertThat(policy.refusal(URI.create("https://[64:ff9b:1::5db8:d70e]/hook"))).isEmpty();
    }

    @Test
    void refusesIpv4MappedAddressesWhicheverWayTheyAreBuilt() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        // getByAddress turns a mapped address into an Inet4Address; a resolver may hand out the IPv6 form
        assertThat(WebhookUrlPolicy.refusalOf(Inet6Address.getByAddress(null, mapped, -1))).hasValue(
                "must not resolve to a private, loopback, link-local or metadata address (IPv4-mapped of an IPv4 loopback address)");
        assertThat(WebhookUrlPolicy.refusalOf(InetAddress.getByAddress(mapped))).isPresent();
        assertThat(policy.refusal(URI.create("https://[::ffff:169.254.169.254]/latest/meta-data"))).isPresent();
        assertThat(policy.refusal(URI.create("https://[::10.0.0.1]/hook"))).isPresent();
    }

    @Test
    void namesWhatKindOfAddressIsRefused() {
        assertThat(policy.refusal(URI.create("https://127.0.0.1/hook"))).get().asString().endsWith("(loopback)");
        assertThat(policy.refusal(URI.create("https://10.1.2.3/hook"))).get().asString().endsWith("(private network)");
        assertThat(policy.refusal(URI.create("https://169.254.169.254/hook"))).get().asString().endsWith("(link-local, cloud metadata)");
        assertThat(policy.refusal(URI.create("https://100.64.0.1/hook"))).get().asString().endsWith("(shared address space, carrier NAT)");
    }

    @Test
    void checksEveryAddressOfOneLookupAndHandsOutThoseVeryAddresses() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress publicAddress = InetAddress.getByName("93.184.215.14");
        WebhookUrlPolicy scripted = policy.withLookup(host -> lookups.incrementAndGet() == 1 ? new InetAddress[] {publicAddress}
                : new InetAddress[] {publicAddress, InetAddress.getByName("127.0.0.1")});

        assertThat(scripted.addresses("rebinding.example")).containsExactly(publicAddress);
        assertThatThrownBy(() -> scripted.addresses("rebinding.example")).isInstanceOf(RefusedAddressException.class)
                .hasMessageEndingWith("(loopback)");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void anAllowListedHostsAddressesAreNotChecked() throws Exception {
        WebhookUrlPolicy scripted = policy.withLookup(host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});

        assertThat(scripted.addresses("demo-partner.local")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(scripted.refusal(URI.create("http://demo-partner.local:8089/hooks"))).isEmpty();
    }

    @Test
    void aHostThatDoesNotResolveIsSaidSo() {
        WebhookUrlPolicy scripted = policy.withLookup(host -> {
            throw new UnknownHostException(host);
        });

        assertThat(scripted.refusal(URI.create("https://nowhere.example/hook"))).hasValue("host does not resolve");
        assertThat(scripted.refusalBeforeResolving(URI.create("https://nowhere.example/hook"))).isEmpty();
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
