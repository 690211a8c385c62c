package io.switchboard.routing.messaging;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

import org.apache.kafka.common.header.Headers;

/**
 * The Kafka headers an outbox row is published with, kept in its {@code headers} column as
 * {@code name=value} lines (a dead letter's {@code reason}, the decision's {@code traceparent}).
 */
final class OutboxHeaders {

    private OutboxHeaders() {
    }

    /** Pairs of name and value; pairs whose value is null are left out. Null when none is left. */
    static String of(String... namesAndValues) {
        StringJoiner lines = new StringJoiner("\n");
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                lines.add(namesAndValues[i] + "=" + namesAndValues[i + 1].replace('\n', ' ').replace('\r', ' '));
            }
        }
        return lines.length() == 0 ? null : lines.toString();
    }

    static void addTo(Headers headers, String column) {
        if (column == null || column.isEmpty()) {
            return;
        }
        for (String line : column.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                headers.add(line.substring(0, equals), line.substring(equals + 1).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
