package org.leadrelay.directory.audit;

import java.util.List;
import java.util.UUID;

/** The partners' change history. */
public interface AuditLog {

    void record(AuditEntry entry);

    void recordAll(List<AuditEntry> entries);

    /** A partner's changes, newest first. */
    List<AuditEntry> of(UUID partnerId, int limit);
}
