package org.leadrelay.router.assignment;

import java.util.UUID;

/** An operator named a partner the router's copy does not hold. */
public class UnknownPartnerException extends RuntimeException {

    public UnknownPartnerException(UUID partnerId) {
        super("no partner " + partnerId + " in the router's copy");
    }
}
