package io.switchboard.reporting.api;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.switchboard.reporting.domain.Dimension;
import io.switchboard.reporting.domain.Frequency;
import io.switchboard.reporting.domain.Granularity;
import io.switchboard.reporting.domain.Recipients;
import io.switchboard.reporting.domain.ReportFormat;
import io.switchboard.reporting.domain.ReportSchedule;
import io.switchboard.service.api.ProblemDetail.Violation;

/**
 * The body of {@code PUT …/schedules/{id}}: as the client sends it, checked field by field into a
 * {@link ReportSchedule}. {@code views} are {@code queues}, {@code agents}, {@code channels}.
 */
public record ScheduleRequest(String name, String frequency, String weekday, String sendAt, List<String> views, String granularity,
        String format, List<String> recipients) {

    static final int MAX_NAME = 100;
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");

    /** The schedule, or every reason it is not one. */
    ReportSchedule toSchedule(UUID id, String tenant, Instant now) {
        List<Violation> wrong = new ArrayList<>();
        String cleanName = name == null ? "" : name.strip();
        if (cleanName.length() > MAX_NAME) {
            wrong.add(new Violation("name", "at most " + MAX_NAME + " characters, not " + cleanName.length()));
        }
        Frequency freq = parse(wrong, "frequency", frequency, Frequency.class);
        DayOfWeek day = null;
        if (freq == Frequency.WEEKLY) {
            day = parse(wrong, "weekday", weekday, DayOfWeek.class);
        } else if (weekday != null && !weekday.isBlank()) {
            wrong.add(new Violation("weekday", "only weekly schedules have a weekday"
                    + (freq == Frequency.MONTHLY ? "; monthly ones are sent on the 1st" : "")));
        }
        LocalTime time = time(wrong);
        List<Dimension> dimensions = views(wrong);
        Granularity rows = granularity == null || granularity.isBlank() ? Granularity.DAY
                : parse(wrong, "granularity", granularity, Granularity.class);
        if (rows == Granularity.INTERVAL && freq != null && freq != Frequency.DAILY) {
            wrong.add(new Violation("granularity", "15-minute rows only in daily reports; a " + freq.slug()
                    + " report has rows per day, week or month"));
        }
        ReportFormat file = parse(wrong, "format", format, ReportFormat.class);
        List<String> to = recipients(wrong);
        if (!wrong.isEmpty()) {
            throw new InvalidScheduleException(wrong);
        }
        return new ReportSchedule(id, tenant, cleanName, freq, day, time, dimensions, rows, file, to, now);
    }

    private LocalTime time(List<Violation> wrong) {
        if (sendAt == null || sendAt.isBlank()) {
            wrong.add(new Violation("sendAt", "is required: the local time to send at, such as 07:00"));
            return null;
        }
        try {
            if (TIME.matcher(sendAt.strip()).matches()) {
                return LocalTime.parse(sendAt.strip());
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        wrong.add(new Violation("sendAt", "'" + sendAt + "' is not a time of day as hh:mm (00:00 to 23:59)"));
        return null;
    }

    private List<Dimension> views(List<Violation> wrong) {
        if (views == null || views.isEmpty()) {
            wrong.add(new Violation("views", "at least one of queues, agents, channels"));
            return List.of();
        }
        List<Dimension> result = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            String view = views.get(i) == null ? "" : views.get(i).strip().toLowerCase(Locale.ROOT);
            Dimension dimension = switch (view) {
                case "queues" -> Dimension.QUEUE;
                case "agents" -> Dimension.AGENT;
                case "channels" -> Dimension.CHANNEL;
                default -> null;
            };
            if (dimension == null) {
                wrong.add(new Violation("views[" + i + "]", "'" + views.get(i) + "' is not one of queues, agents, channels"));
            } else if (result.contains(dimension)) {
                wrong.add(new Violation("views[" + i + "]", "'" + view + "' is listed twice"));
            } else {
                result.add(dimension);
            }
        }
        return result;
    }

    private List<String> recipients(List<Violation> wrong) {
        if (recipients == null || recipients.isEmpty()) {
            wrong.add(new Violation("recipients", "at least one client contact's address"));
            return List.of();
        }
        if (recipients.size() > Recipients.MAX) {
            wrong.add(new Violation("recipients", "at most " + Recipients.MAX + " addresses, not " + recipients.size()));
            return List.of();
        }
        List<String> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < recipients.size(); i++) {
            String address = recipients.get(i) == null ? null : recipients.get(i).strip();
            String problem = Recipients.problem(address);
            if (problem != null) {
                wrong.add(new Violation("recipients[" + i + "]", problem));
            } else if (!seen.add(address.toLowerCase(Locale.ROOT))) {
                wrong.add(new Violation("recipients[" + i + "]", "'" + address + "' is listed twice"));
            } else {
                result.add(address);
            }
        }
        return result;
    }

    private static <E extends Enum<E>> E parse(List<Violation> wrong, String field, String text, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        if (text == null || text.isBlank()) {
            wrong.add(new Violation(field, "is required: one of " + String.join(", ", names)));
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            wrong.add(new Violation(field, "'" + text + "' is not one of " + String.join(", ", names)));
            return null;
        }
    }
}
