/** The router's own copy of the partners it routes to, kept from the partners topic. */
package org.leadrelay.router.partners;
