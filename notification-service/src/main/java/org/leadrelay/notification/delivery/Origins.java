package org.leadrelay.notification.delivery;

import java.net.URI;

/** An endpoint as logs and operators see it: scheme, host and port, without the path or query, which may carry a partner's token. */
public final class Origins {

    private Origins() {
    }

    public static String of(URI url) {
        if (url == null || url.getHost() == null) {
            return "(no endpoint)";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
