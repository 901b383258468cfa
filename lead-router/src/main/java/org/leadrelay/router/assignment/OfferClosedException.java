package org.leadrelay.router.assignment;

/** The answer or action comes too late or does not fit where the lead stands; answered with 409 or a page saying why. */
public class OfferClosedException extends RuntimeException {

    public OfferClosedException(String message) {
        super(message);
    }
}
