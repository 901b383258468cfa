package org.leadrelay.kit.scheduling;

import org.springframework.context.SmartLifecycle;

/**
 * A component whose background work (a {@link PeriodicTask}, an event relay) starts and stops with
 * the application context: it says only which work is its own, and the context starts, stops and
 * asks after it through this. One way of doing it in every service instead of the same three
 * delegating methods in each.
 */
public interface InBackground extends SmartLifecycle {

    /** The work that runs while the application does. */
    SmartLifecycle background();

    @Override
    default void start() {
        background().start();
    }

    @Override
    default void stop() {
        background().stop();
    }

    @Override
    default boolean isRunning() {
        return background().isRunning();
    }
}
