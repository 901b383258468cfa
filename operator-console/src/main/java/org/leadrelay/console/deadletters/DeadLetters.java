package org.leadrelay.console.deadletters;

import java.util.List;
import java.util.Optional;

/** Where the console keeps the dead letters it has read. */
public interface DeadLetters {

    /** Stores a dead letter read for the first time; false when it was stored already (a redelivery). */
    boolean add(DeadLetter letter);

    Optional<DeadLetter> find(String id);

    /** Removes every dead letter whose record had this key (an erased lead's id): how many there were. */
    long removeOfKey(String key);

    /** Removes these dead letters, whatever their status (their retention is over). */
    void remove(java.util.Collection<String> ids);

    /**
     * Stores the dead letter as the next version of the one it was derived from.
     *
     * @return false when someone stored another version in between
     */
    boolean save(DeadLetter letter);

    /**
     * The dead letters waiting for an operator (open, or being replayed), newest first: at most
     * {@code limit} after the first {@code skip}.
     */
    List<DeadLetter> waiting(int skip, int limit);
}
