package org.leadrelay.console.audit;

import java.util.List;

/** Every action taken from the console: who, when, what, on what, and why. Written before the answer is shown. */
public interface AuditTrail {

    void record(AuditEntry entry);

    /** The latest entries, newest first. */
    List<AuditEntry> latest(int limit);
}
