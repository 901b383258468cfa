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
 * loopback, link-local or wildcard address (a partner must not make Lead Relay call into its own
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
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocal(address)) {
                    return Optional.of("must not resolve to a private, loopback or link-local address");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("host does not resolve");
        }
        return Optional.empty();
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
