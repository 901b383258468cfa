package org.leadrelay.router.responses;

/** The answer cannot be taken: the offer was answered otherwise, or is no longer this partner's. */
public class AnswerConflictException extends RuntimeException {

    public AnswerConflictException(String message) {
        super(message);
    }
}
