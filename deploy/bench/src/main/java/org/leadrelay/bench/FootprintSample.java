package org.leadrelay.bench;

import java.time.Instant;

/**
 * One process's footprint at one moment of a phase.
 *
 * @param process as the results name it (a service, or the launcher)
 * @param at      when the sampling round began
 * @param hours   since the phase's first round: the time axis of the trend
 */
record FootprintSample(String process, long pid, Instant at, double hours, Footprint footprint) {
}
