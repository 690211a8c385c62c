package io.switchboard.campaigns.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.campaigns.domain.Campaign;
import io.switchboard.campaigns.domain.CampaignKind;
import io.switchboard.campaigns.domain.CampaignSettings;
import io.switchboard.campaigns.domain.CampaignState;
import io.switchboard.campaigns.domain.DialRecord;
import io.switchboard.campaigns.domain.DialWindow;
import io.switchboard.dialer.engine.CallOutcome;
import io.switchboard.dialer.engine.DialMode;
import io.switchboard.dialer.engine.RetryRules;

/** Campaign and record rows to domain values and back. */
final class Rows {

    static final String CAMPAIGN_COLUMNS = "c.id, c.tenant_id, c.name, c.queue_id, c.caller_id, c.kind, c.mode, c.window_from,"
            + " c.window_until, c.window_days, c.retries, c.max_attempts_per_day, c.abandon_cap_percent, c.ring_seconds,"
            + " c.abandon_grace_seconds, c.script, c.survey_prompts, c.survey_lines, c.list_columns, c.state, c.created_by,"
            + " c.created_at, c.updated_at";
    static final String RECORD_COLUMNS = "r.id AS r_id, r.phone, r.fields, r.attempts, r.attempts_today, r.attempt_day";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private Rows() {
    }

    static Campaign campaign(ResultSet r) throws SQLException {
        CampaignSettings settings = new CampaignSettings(r.getString("name"), r.getString("queue_id"), r.getString("caller_id"),
                CampaignKind.valueOf(r.getString("kind")), DialMode.valueOf(r.getString("mode")),
                new DialWindow(r.getObject("window_from", LocalTime.class), r.getObject("window_until", LocalTime.class),
                        days(r.getString("window_days"))),
                retries(r.getString("retries"), r.getInt("max_attempts_per_day")), r.getDouble("abandon_cap_percent"),
                r.getInt("ring_seconds"), r.getInt("abandon_grace_seconds"), r.getString("script"), strings(r.getString("survey_prompts")),
                r.getInt("survey_lines"));
        return new Campaign(r.getObject("id", UUID.class), r.getString("tenant_id"), settings, CampaignState.valueOf(r.getString("state")),
                strings(r.getString("list_columns")), r.getString("created_by"), Jdbc.instant(r, "created_at"), Jdbc.instant(r, "updated_at"));
    }

    static DialRecord record(ResultSet r) throws SQLException {
        return new DialRecord(r.getObject("r_id", UUID.class), r.getString("phone"), fields(r.getString("fields")), r.getInt("attempts"),
                r.getInt("attempts_today"), Jdbc.date(r, "attempt_day"));
    }

    static String days(Set<DayOfWeek> days) {
        return days.stream().sorted().map(DayOfWeek::name).collect(Collectors.joining(","));
    }

    static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).forEach(d -> days.add(DayOfWeek.valueOf(d)));
        return days;
    }

    /** "BUSY:3:600,NO_ANSWER:3:7200,…": attempts and delay in seconds per outcome. */
    static String retries(RetryRules rules) {
        return rules.rules().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().name() + ":" + e.getValue().attempts() + ":" + e.getValue().after().toSeconds())
                .collect(Collectors.joining(","));
    }

    static RetryRules retries(String text, int maxPerDay) {
        Map<CallOutcome, RetryRules.Rule> rules = new EnumMap<>(CallOutcome.class);
        for (String rule : text.split(",")) {
            if (!rule.isBlank()) {
                String[] parts = rule.split(":");
                rules.put(CallOutcome.valueOf(parts[0]), new RetryRules.Rule(Integer.parseInt(parts[1]), Duration.ofSeconds(Long.parseLong(parts[2]))));
            }
        }
        return new RetryRules(rules, maxPerDay);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    static Map<String, String> fields(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record's fields are not JSON", e);
        }
    }

    static List<String> strings(String json) {
        try {
            return json == null || json.isEmpty() ? List.of() : JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored list is not JSON", e);
        }
    }
}
