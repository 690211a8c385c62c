package io.switchboard.admin.domain;

import java.util.List;

/** A change that breaks a rule: answered 400 with every field that is wrong, and nothing is written. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidConfigurationException(List<FieldError> errors) {
        super(errors.isEmpty() ? "the configuration is not valid" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public static InvalidConfigurationException of(String field, String message) {
        return new InvalidConfigurationException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
