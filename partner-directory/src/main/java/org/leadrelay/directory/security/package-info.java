/** Who may manage the partner network: operators, by local account or by a JWT from the organisation's OIDC issuer. */
package org.leadrelay.directory.security;
