package io.switchboard.campaigns.domain;

import java.util.Map;

/** A record to add: its E.164 number, its other columns, and where it came from (a CSV line or a JSON index). */
public record ListEntry(long line, String phone, Map<String, String> fields) {
}
