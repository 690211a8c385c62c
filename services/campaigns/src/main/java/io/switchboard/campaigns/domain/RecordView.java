package io.switchboard.campaigns.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A record as the API and the results export show it. */
public record RecordView(UUID id, String phone, Map<String, String> fields, int attempts, String lastResult, String disposition,
        String notes, BigDecimal promiseAmount, LocalDate promiseDate, List<String> surveyAnswers, boolean done, boolean inFlight,
        Instant nextDueAt) {
}
