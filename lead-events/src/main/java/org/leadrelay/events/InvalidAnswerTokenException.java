package org.leadrelay.events;

/** An answer token that cannot be honoured, and why. */
public class InvalidAnswerTokenException extends RuntimeException {

    /** Why a token is refused. */
    public enum Reason {
        MALFORMED("the link is incomplete or damaged"),
        FORGED("the link was not issued by Lead Relay"),
        EXPIRED("the time to answer this lead has passed");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        public String explanation() {
            return explanation;
        }
    }

    private final Reason reason;

    public InvalidAnswerTokenException(Reason reason) {
        super(reason.explanation());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
