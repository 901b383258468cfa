package org.leadrelay.console.erasures;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The console's record of erasures: one document per erased lead, naming no person. */
public interface Erasures {

    /** Notes that the lead was erased and that the console's own copy is; doing it again changes nothing. */
    void erased(UUID leadId, Instant erasedAt, Instant consoleDoneAt);

    /** Notes a service's report; its first report stands. */
    void reported(UUID leadId, String service, String summary, Instant at);

    /** Marks the erasure done everywhere, so it leaves the open list. */
    void closed(UUID leadId);

    Optional<Erasure> find(UUID leadId);

    /** Erasures not yet done everywhere, oldest first. */
    List<Erasure> open(int limit);
}
