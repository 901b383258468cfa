package org.leadrelay.kit.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which URLs may receive webhooks: https only, and never a host that resolves to a private,
 * loopback, link-local (169.254.169.254, the usual cloud metadata address), unique-local, wildcard
 * or other special-purpose address (a partner must not make Lead Relay call into its own
 * network). Hosts on the allow-list are exempt, for the local demo.
 */
public class WebhookUrlPolicy {

    private final Set<String> allowedHosts;

    public WebhookUrlPolicy(Iterable<String> allowedHosts) {
        this.allowedHosts = java.util.stream.StreamSupport.stream(allowedHosts.spliterator(), false)
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Why the URL is refused, or empty when it may receive webhooks. */
    public Optional<String> refusal(URI url) {
        if (url == null || url.getHost() == null || !url.isAbsolute()) {
            return Optional.of("must be an absolute URL with a host");
        }
        String host = url.getHost().toLowerCase(Locale.ROOT);
        boolean allowListed = allowedHosts.contains(host);
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !(allowListed && "http".equals(scheme))) {
            return Optional.of("must use https");
        }
        if (url.getUserInfo() != null) {
            return Optional.of("must not carry credentials");
        }
        if (allowListed) {
            return Optional.empty();
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)
                        || isSpecialPurpose(address)) {
                    return Optional.of("must not resolve to a private, loopback, link-local or metadata address");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("host does not resolve");
        }
        return Optional.empty();
    }

    /**
     * IPv4 blocks that are not on the public internet yet not covered by the JDK's checks: "this
     * network" 0.0.0.0/8, shared address space 100.64.0.0/10 (carrier NAT, and some clouds' metadata
     * services such as 100.100.100.200), IETF protocol assignments 192.0.0.0/24 (another metadata
     * address, 192.0.0.192), benchmarking 198.18.0.0/15 and the reserved 240.0.0.0/4 with broadcast.
     */
    private static boolean isSpecialPurpose(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 4) {
            return false;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first == 0
                || (first == 100 && second >= 64 && second <= 127)
                || (first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19))
                || first >= 240;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
