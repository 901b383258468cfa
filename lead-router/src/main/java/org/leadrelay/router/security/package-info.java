/** Who may call what: partners' answer pages and API are open (the signed token is the credential); the operator API needs an operator. */
package org.leadrelay.router.security;
