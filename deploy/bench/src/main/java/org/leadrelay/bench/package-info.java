/**
 * The load tool behind {@code ./leadrelay bench}: it drives a running local stack over HTTP, is the
 * partner the leads are routed to, and reports latency, per-stage times and CPU per lead.
 */
package org.leadrelay.bench;
