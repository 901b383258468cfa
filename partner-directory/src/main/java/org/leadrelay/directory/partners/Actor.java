package org.leadrelay.directory.partners;

import java.util.UUID;
import org.leadrelay.kit.domain.NotAllowed;

/**
 * Who is asking: an operator (by account name or token subject), or a partner acting on its own
 * record through the self-service API.
 *
 * @param partnerId the partner's id when a partner is asking, null for an operator
 */
public record Actor(String name, UUID partnerId) {

    public static Actor operator(String name) {
        return new Actor(name, null);
    }

    public static Actor partner(UUID partnerId) {
        return new Actor("partner:" + partnerId, partnerId);
    }

    public boolean isOperator() {
        return partnerId == null;
    }

    /** Refuses anyone but an operator. */
    public void requireOperator() {
        if (!isOperator()) {
            throw new NotAllowed("only operators may do this");
        }
    }

    /** Whether this actor may see the partner at all: operators see every partner, a partner only itself. */
    public boolean sees(UUID partner) {
        return isOperator() || partnerId.equals(partner);
    }
}
