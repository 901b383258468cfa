package org.leadrelay.console.deadletters;

/** Where a dead letter stands. */
public enum DeadLetterStatus {
    /** Waiting for an operator. */
    OPEN,
    /** An operator is replaying it now (or was, when the console stopped mid-way: it can be taken again after a while). */
    REPLAYING,
    /** Sent back to its original topic. */
    REPLAYED,
    /** Dropped by an operator; the record stays in the dead-letter topic until its retention ends. */
    DISCARDED
}
