package io.switchboard.campaigns.domain;

import java.util.List;

/** A request with wrong fields: answered 400 with every violation, and nothing is written. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<Violation> violations;

    public InvalidRequestException(List<Violation> violations) {
        super(violations.get(0).field() + ": " + violations.get(0).message()
                + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
