/** Who may call what: the lead API, the form and the pages are public; the operator API (erasures) needs an operator, by local account or by a JWT from the organisation's OIDC issuer. */
package org.leadrelay.intake.security;
