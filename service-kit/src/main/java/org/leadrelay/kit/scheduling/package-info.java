/** The services' background loops: sweepers, relays and watches, one helper for all. */
package org.leadrelay.kit.scheduling;
