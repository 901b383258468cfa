/**
 * The load tool behind {@code ./leadrelay bench}: it drives a running local stack over HTTP, is the
 * partner the leads are routed to, and reports latency, per-stage times, CPU per lead and each
 * process's memory, open files and threads over a phase (the soak).
 */
package org.leadrelay.bench;
