package org.leadrelay.kit.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Which URLs may receive webhooks: https only, and never a host that resolves to a private,
 * loopback, link-local (169.254.169.254, the usual cloud metadata address), unique-local, wildcard
 * or other special-purpose address, nor to an IPv6 address that carries such an IPv4 address
 * (IPv4-mapped, NAT64, 6to4): a partner must not make Lead Relay call into its own network. Hosts
 * on the allow-list are exempt, for the local demo.
 *
 * <p>A sender must connect to the very addresses this policy checked ({@link #addresses(String)}):
 * resolving the host again to connect would let a DNS answer that changed in between (DNS
 * rebinding) reach a private address.
 */
public class WebhookUrlPolicy {

    /** The reason for a host whose address is refused, followed by what kind of address it is. */
    public static final String PRIVATE_ADDRESS = "must not resolve to a private, loopback, link-local or metadata address";
    public static final String DOES_NOT_RESOLVE = "host does not resolve";

    private final Set<String> allowedHosts;
    private final HostLookup lookup;

    public WebhookUrlPolicy(Iterable<String> allowedHosts) {
        this(allowedHosts, HostLookup.system());
    }

    /** @param lookup how host names are resolved: the system's resolver, or a test's script */
    public WebhookUrlPolicy(Iterable<String> allowedHosts, HostLookup lookup) {
        this(StreamSupport.stream(allowedHosts.spliterator(), false).map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet()), lookup);
    }

    private WebhookUrlPolicy(Set<String> allowedHosts, HostLookup lookup) {
        this.allowedHosts = allowedHosts;
        this.lookup = lookup;
    }

    /** The same policy resolving host names with another lookup. */
    public WebhookUrlPolicy withLookup(HostLookup lookup) {
        return new WebhookUrlPolicy(allowedHosts, lookup);
    }

    /** Why the URL is refused, or empty when it may receive webhooks; resolves its host. */
    public Optional<String> refusal(URI url) {
        Optional<String> refusal = refusalBeforeResolving(url);
        if (refusal.isPresent() || isAllowListed(url.getHost())) {
            return refusal;
        }
        try {
            addresses(url.getHost());
            return Optional.empty();
        } catch (RefusedAddressException e) {
            return Optional.of(e.reason());
        } catch (UnknownHostException e) {
            return Optional.of(DOES_NOT_RESOLVE);
        }
    }

    /**
     * Why the URL is refused whatever its host resolves to (not absolute, not https, credentials
     * in it), or empty: its addresses are then checked by {@link #addresses(String)} when
     * connecting.
     */
    public Optional<String> refusalBeforeResolving(URI url) {
        if (url == null || url.getHost() == null || !url.isAbsolute()) {
            return Optional.of("must be an absolute URL with a host");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !(isAllowListed(url.getHost()) && "http".equals(scheme))) {
            return Optional.of("must use https");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        return Optional.empty();
    }

    public boolean isAllowListed(String host) {
        return host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * Resolves the host once and returns its addresses when every one of them may receive
     * webhooks (an allow-listed host's are not checked). Connect to these, and only these.
     *
     * @throws RefusedAddressException when one of them may not, saying what kind of address it is
     * @throws UnknownHostException    when the host does not resolve
     */
    public InetAddress[] addresses(String host) throws UnknownHostException {
        InetAddress[] addresses = lookup.addresses(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        if (!isAllowListed(host)) {
            for (InetAddress address : addresses) {
                Optional<String> refusal = refusalOf(address);
                if (refusal.isPresent()) {
                    throw new RefusedAddressException(refusal.get());
                }
            }
        }
        return Arrays.copyOf(addresses, addresses.length);
    }

    /** Why webhooks must not go to the address, or empty when they may. */
    public static Optional<String> refusalOf(InetAddress address) {
        return kindOf(address.getAddress()).map(kind -> PRIVATE_ADDRESS + " (" + kind + ")");
    }

    /** What kind of non-public address it is, or empty for a public one. */
    private static Optional<String> kindOf(byte[] bytes) {
        return bytes.length == 4 ? kindOfIpv4(bytes) : kindOfIpv6(bytes);
    }

    /**
     * Besides loopback 127.0.0.0/8, the private 10/8, 172.16/12 and 192.168/16 and link-local
     * 169.254/16 (169.254.169.254: cloud metadata), the blocks that are not on the public internet:
     * "this network" 0.0.0.0/8, shared address space 100.64.0.0/10 (carrier NAT, and some clouds'
     * metadata services such as 100.100.100.200), IETF protocol assignments 192.0.0.0/24 (another
     * metadata address, 192.0.0.192), benchmarking 198.18.0.0/15, multicast 224.0.0.0/4 and the
     * reserved 240.0.0.0/4 with broadcast.
     */
    private static Optional<String> kindOfIpv4(byte[] bytes) {
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (first == 127) {
            return Optional.of("loopback");
        }
        if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)) {
            return Optional.of("private network");
        }
        if (first == 169 && second == 254) {
            return Optional.of("link-local, cloud metadata");
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return Optional.of("shared address space, carrier NAT");
        }
        if (first == 0) {
            return Optional.of("this network");
        }
        if (first >= 224 && first <= 239) {
            return Optional.of("multicast");
        }
        if ((first == 192 && second == 0 && (bytes[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19))
                || first >= 240) {
            return Optional.of("special-purpose");
        }
        return Optional.empty();
    }

    /**
     * IPv6: unspecified and loopback, link-local fe80::/10, site-local fec0::/10, unique-local
     * fc00::/7 (the cloud metadata address fd00:ec2::254 among them) and multicast ff00::/8; and
     * the IPv6 forms of an IPv4 address, judged by that address: IPv4-mapped ::ffff:0:0/96,
     * IPv4-compatible ::/96, NAT64 64:ff9b::/96 and 64:ff9b:1::/48 (RFC 8215, checked when used
     * with a /96 prefix; another layout is refused, its IPv4 address cannot be told) and 6to4
     * 2002::/16.
     */
    private static Optional<String> kindOfIpv6(byte[] bytes) {
        if (zero(bytes, 0, 16)) {
            return Optional.of("unspecified");
        }
        if (zero(bytes, 0, 15) && bytes[15] == 1) {
            return Optional.of("loopback");
        }
        if (zero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
            return embedded("IPv4-mapped", bytes, 12);
        }
        if (zero(bytes, 0, 12)) {
            return embedded("IPv4-compatible", bytes, 12);
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return Optional.of("link-local");
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return Optional.of("site-local");
        }
        if ((first & 0xfe) == 0xfc) {
            return Optional.of("unique-local, private network");
        }
        if (first == 0xff) {
            return Optional.of("multicast");
        }
        boolean nat64 = first == 0x00 && second == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b;
        if (nat64 && zero(bytes, 4, 12)) {
            return embedded("NAT64", bytes, 12);
        }
        if (nat64 && bytes[4] == 0 && bytes[5] == 1) {
            return zero(bytes, 6, 12) ? embedded("NAT64 local-use", bytes, 12)
                    : Optional.of("NAT64 local-use prefix 64:ff9b:1::/48");
        }
        if (first == 0x20 && second == 0x02) {
            return embedded("6to4", bytes, 2);
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(String form, byte[] bytes, int from) {
        return kindOfIpv4(Arrays.copyOfRange(bytes, from, from + 4)).map(kind -> form + " of an IPv4 " + kind + " address");
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Resolves a host name to its addresses, as {@link InetAddress#getAllByName(String)} does. */
    @FunctionalInterface
    public interface HostLookup {

        InetAddress[] addresses(String host) throws UnknownHostException;

        static HostLookup system() {
            return InetAddress::getAllByName;
        }
    }

    /**
     * A host that resolves to an address webhooks must not reach. An {@link UnknownHostException},
     * so an HTTP client's resolver may throw it: the connection is then never made.
     */
    public static final class RefusedAddressException extends UnknownHostException {

        private static final long serialVersionUID = 1L;

        private final String reason;

        public RefusedAddressException(String reason) {
            super(reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
