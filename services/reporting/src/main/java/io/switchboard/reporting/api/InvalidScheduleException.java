package io.switchboard.reporting.api;

import java.util.List;

import io.switchboard.service.api.ProblemDetail;

/** A schedule that breaks a rule: answered 400 with every field that is wrong, and nothing is written. */
class InvalidScheduleException extends RuntimeException {

    private final List<ProblemDetail.Violation> violations;

    InvalidScheduleException(List<ProblemDetail.Violation> violations) {
        super(violations.get(0).field() + ": " + violations.get(0).message()
                + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
        this.violations = List.copyOf(violations);
    }

    List<ProblemDetail.Violation> violations() {
        return violations;
    }
}
