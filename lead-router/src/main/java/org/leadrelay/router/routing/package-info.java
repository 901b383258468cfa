/** Which partner gets a lead, and why: eligibility, scoring and the explanation. Free of framework code. */
package org.leadrelay.router.routing;
