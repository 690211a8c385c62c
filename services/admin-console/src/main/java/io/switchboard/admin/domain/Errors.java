package io.switchboard.admin.domain;

import java.util.ArrayList;
import java.util.List;

/** Collects field errors while a change is checked, so the caller hears about every wrong field at once. */
final class Errors {

    private final List<FieldError> errors = new ArrayList<>();

    void add(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidConfigurationException(errors);
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
