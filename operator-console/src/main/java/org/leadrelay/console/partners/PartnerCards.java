package org.leadrelay.console.partners;

import java.util.List;
import java.util.UUID;

/** Where the console keeps its partners' cards. */
public interface PartnerCards {

    /**
     * Keeps the card unless a later revision of the partner is already kept.
     *
     * @return whether it was kept
     */
    boolean keep(PartnerCard card);

    /** The partner was deleted: a tombstone. */
    void delete(UUID partnerId);

    /** A page of partners by name (case ignored), {@code limit} at most from {@code offset}. */
    List<PartnerCard> byName(int offset, int limit);
}
