package org.leadrelay.directory.partners.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.UUID;
import org.leadrelay.directory.partners.Partner;
import org.leadrelay.directory.partners.PartnerProfile;
import org.leadrelay.directory.partners.PartnerStatus;

/** A partner as the API shows it: its profile, status and revision; never a secret or a key. */
record PartnerView(UUID id, @JsonUnwrapped PartnerProfile profile, PartnerStatus status, String statusReason,
        int webhookSecretGeneration, long revision, Instant createdAt, Instant updatedAt) {

    static PartnerView of(Partner partner) {
        return new PartnerView(partner.id(), partner.profile(), partner.status(), partner.statusReason(),
                partner.signing().generation(), partner.revision(), partner.createdAt(), partner.updatedAt());
    }
}
