package org.leadrelay.events;

import java.util.UUID;

/** A partner that was not chosen for a lead, and why. */
public record PassedOver(UUID partnerId, String partnerName, String reason) {

    public PassedOver {
        Require.present(partnerId, "passedOver.partnerId");
        Require.text(partnerName, "passedOver.partnerName");
        Require.text(reason, "passedOver.reason");
    }
}
