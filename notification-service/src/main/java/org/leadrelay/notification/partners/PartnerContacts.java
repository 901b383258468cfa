package org.leadrelay.notification.partners;

import java.util.Optional;
import java.util.UUID;

/** The notification service's copy of the partners' contact points. */
public interface PartnerContacts {

    /** Keeps the contact unless the copy already holds the same or a newer revision; true when it changed. */
    boolean keep(PartnerContact contact);

    /** Forgets a deleted partner; true when the copy held it, and forgetting it again changes nothing. */
    boolean remove(UUID partnerId);

    Optional<PartnerContact> find(UUID partnerId);
}
