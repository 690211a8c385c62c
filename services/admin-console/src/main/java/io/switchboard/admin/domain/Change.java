package io.switchboard.admin.domain;

import java.util.List;

/**
 * What a write did: the value as it now stands, whether anything changed (writing the same value
 * again changes nothing, audits nothing and publishes nothing), and warnings the admin should read.
 */
public record Change<T>(T value, boolean changed, List<String> warnings) {

    public Change {
        warnings = List.copyOf(warnings);
    }
}
