package org.leadrelay.console.services;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The services the console acts through ({@code leadrelay.console.services.*}), each with the
 * operator account the console signs in with; the signed-in person's name goes into the audit
 * trail and, where the API takes one, into the reason.
 */
@ConfigurationProperties("leadrelay.console.services")
public record ServicesProperties(Service router, Service notification, Service directory, Service intake) {

    /** A service's base URL and the console's account there (HTTP Basic). */
    public record Service(URI url, String username, String password) {
    }
}
