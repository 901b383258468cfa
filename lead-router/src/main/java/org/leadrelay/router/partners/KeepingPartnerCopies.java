package org.leadrelay.router.partners;

import java.util.UUID;
import org.leadrelay.events.PartnerUpserted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies the partners topic to the router's copy; replays and stale revisions change nothing. A
 * tombstone removes the partner: the topic keeps records of one key in order, so no older state of
 * a deleted partner can arrive after its tombstone, and a partner the directory creates again
 * under the same id is copied again.
 */
@Service
public class KeepingPartnerCopies {

    private static final Logger log = LoggerFactory.getLogger(KeepingPartnerCopies.class);

    private final PartnerCopies copies;

    KeepingPartnerCopies(PartnerCopies copies) {
        this.copies = copies;
    }

    public void apply(PartnerUpserted event) {
        if (copies.keep(event)) {
            log.info("partner {} copied at revision {}", event.partnerId(), event.revision());
        } else {
            log.debug("partner {} revision {} already held or stale", event.partnerId(), event.revision());
        }
    }

    public void delete(UUID partnerId) {
        if (copies.remove(partnerId)) {
            log.info("partner {} deleted", partnerId);
        } else {
            log.debug("partner {} already deleted or never copied", partnerId);
        }
    }
}
