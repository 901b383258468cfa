package org.leadrelay.local;

/** A reason the stack cannot start, worded for the person at the terminal. */
class StackException extends RuntimeException {

    StackException(String message) {
        super(message);
    }

    StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
