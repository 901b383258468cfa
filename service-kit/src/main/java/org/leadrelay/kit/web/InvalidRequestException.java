package org.leadrelay.kit.web;

import java.util.List;

/** A request refused field by field; answered as 400 problem details. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidRequestException(List<FieldError> errors) {
        super(errors.size() + " invalid fields");
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String pointer, String detail) {
        this(List.of(new FieldError(pointer, detail)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
