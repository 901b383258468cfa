package org.leadrelay.notification.delivery.channels;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;
import org.leadrelay.kit.webhooks.WebhookUrlPolicy;

/**
 * The webhook client's resolver: a connection's host is resolved once, by the URL policy, and the
 * connection goes to the addresses the policy checked, never to a second answer that DNS might
 * give meanwhile (DNS rebinding). A refused address fails the connection before it is made, with
 * the policy's reason ({@link WebhookUrlPolicy.RefusedAddressException}). TLS still names the host
 * (SNI, certificate check): only where to connect comes from here.
 */
final class CheckedAddresses implements DnsResolver {

    private final WebhookUrlPolicy policy;

    CheckedAddresses(WebhookUrlPolicy policy) {
        this.policy = policy;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return policy.addresses(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // asked only for authentication schemes that name the server's canonical host (SPNEGO), which webhooks never use
        return host;
    }
}
