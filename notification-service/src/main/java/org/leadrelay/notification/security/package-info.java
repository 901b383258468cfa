/** Who may read the delivery log: operators, by local account or by a JWT from the organisation's OIDC issuer. */
package org.leadrelay.notification.security;
