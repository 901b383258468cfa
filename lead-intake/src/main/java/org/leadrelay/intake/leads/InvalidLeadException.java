package org.leadrelay.intake.leads;

import java.util.List;

/** A lead refused field by field after normalisation (an unknown country, an impossible phone number). */
public class InvalidLeadException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidLeadException(List<FieldProblem> problems) {
        super(problems.size() + " invalid fields");
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** One refused field, by JSON pointer into the request. */
    public record FieldProblem(String pointer, String detail) {
    }
}
