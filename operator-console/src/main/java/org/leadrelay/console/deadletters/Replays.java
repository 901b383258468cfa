package org.leadrelay.console.deadletters;

/** Sends a dead letter back to its original topic. */
@FunctionalInterface
public interface Replays {

    /**
     * Writes the record's key, value and headers to {@code topic} and waits until the broker has it.
     *
     * @throws RuntimeException when the broker did not take it
     */
    void send(String topic, DeadLetter letter);
}
