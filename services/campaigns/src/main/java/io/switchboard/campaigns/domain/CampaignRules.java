package io.switchboard.campaigns.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.switchboard.dialer.engine.CallOutcome;
import io.switchboard.dialer.engine.DialMode;
import io.switchboard.dialer.engine.RetryRules;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;

/**
 * Checks a campaign draft against the rules and the tenant's configuration and fills the defaults. Every wrong
 * field is reported at once ({@link InvalidRequestException}), never only the first.
 */
public final class CampaignRules {

    public static final String PROMISE_TO_PAY = "PROMISE_TO_PAY";
    public static final int DEFAULT_RING_SECONDS = 25;
    public static final int DEFAULT_GRACE_SECONDS = 2;
    public static final double DEFAULT_CAP_PERCENT = 3;
    public static final int DEFAULT_SURVEY_LINES = 5;
    static final Set<CallOutcome> RETRIED = EnumSet.of(CallOutcome.BUSY, CallOutcome.NO_ANSWER, CallOutcome.MACHINE,
            CallOutcome.ABANDONED);

    private final Directory directory;

    public CampaignRules(Directory directory) {
        this.directory = directory;
    }

    public CampaignSettings check(String tenantId, CampaignDraft draft) {
        List<Violation> wrong = new ArrayList<>();
        if (draft == null) {
            throw new InvalidRequestException("body", "a campaign is required as the JSON body");
        }
        Optional<Directory.Tenant> tenant = directory.tenant(tenantId);
        if (tenant.isEmpty()) {
            throw new InvalidRequestException("tenant", "tenant " + tenantId + " is not configured (yet); no queue or caller id can be checked");
        }
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            wrong.add(new Violation("name", "a name of 1 to 200 characters is required"));
        }
        CampaignKind kind = parse(CampaignKind.class, draft.kind(), CampaignKind.AGENT, "kind", wrong);
        DialMode mode = parse(DialMode.class, draft.mode(), DialMode.PROGRESSIVE, "mode", wrong);
        if (kind == CampaignKind.SURVEY && mode == DialMode.PREVIEW) {
            wrong.add(new Violation("mode", "a survey campaign has no agent to preview its records; use PROGRESSIVE or PREDICTIVE"));
        }

        Optional<Directory.Queue> queue = Optional.empty();
        if (blank(draft.queueId())) {
            wrong.add(new Violation("queueId", "the campaign's queue is required"));
        } else {
            queue = directory.queue(tenantId, draft.queueId());
            if (queue.isEmpty()) {
                wrong.add(new Violation("queueId", "tenant " + tenantId + " has no queue '" + draft.queueId() + "'"));
            }
        }
        String callerId = null;
        if (blank(draft.callerId())) {
            wrong.add(new Violation("callerId", "a caller id (one of the tenant's VOICE entry points) is required"));
        } else {
            try {
                callerId = Address.phone(draft.callerId(), tenant.get().region()).value();
            } catch (InvalidAddressException e) {
                callerId = null;
            }
            if (callerId == null || !tenant.get().voiceEntryPoints().contains(callerId)) {
                wrong.add(new Violation("callerId", "'" + draft.callerId() + "' is not one of tenant " + tenantId
                        + "'s VOICE entry points " + tenant.get().voiceEntryPoints()));
            }
        }
        if (kind == CampaignKind.COLLECTIONS && queue.isPresent() && !queue.get().dispositions().contains(PROMISE_TO_PAY)) {
            wrong.add(new Violation("queueId", "a collections campaign's queue offers the disposition " + PROMISE_TO_PAY
                    + "; queue '" + draft.queueId() + "' has " + queue.get().dispositions()));
        }

        DialWindow window = window(draft.window(), wrong);
        RetryRules retries = retries(draft.retries(), draft.maxAttemptsPerDay(), wrong);

        double cap = draft.abandonCapPercent() == null ? DEFAULT_CAP_PERCENT : draft.abandonCapPercent();
        if (!(cap > 0 && cap <= 10)) {
            wrong.add(new Violation("abandonCapPercent", "the abandon cap is above 0% and at most 10%, not " + cap));
        }
        int ring = between(draft.ringSeconds(), DEFAULT_RING_SECONDS, 5, 120, "ringSeconds", wrong);
        int grace = between(draft.abandonGraceSeconds(), DEFAULT_GRACE_SECONDS, 1, 10, "abandonGraceSeconds", wrong);
        String script = draft.script() == null ? "" : draft.script();
        if (script.length() > 20_000) {
            wrong.add(new Violation("script", "a script has at most 20,000 characters"));
        }
        List<String> prompts = draft.surveyPrompts() == null ? List.of() : List.copyOf(draft.surveyPrompts());
        int lines = between(draft.surveyLines(), DEFAULT_SURVEY_LINES, 1, 200, "surveyLines", wrong);
        if (kind == CampaignKind.SURVEY) {
            if (prompts.isEmpty() || prompts.size() > 20) {
                wrong.add(new Violation("surveyPrompts", "a survey asks 1 to 20 questions, each one of the tenant's prompts"));
            }
            for (int i = 0; i < prompts.size(); i++) {
                if (prompts.get(i) == null || !directory.hasPrompt(tenantId, prompts.get(i))) {
                    wrong.add(new Violation("surveyPrompts[" + i + "]", "tenant " + tenantId + " has no prompt '" + prompts.get(i) + "'"));
                }
            }
        } else if (!prompts.isEmpty()) {
            wrong.add(new Violation("surveyPrompts", "only a SURVEY campaign plays prompts; a " + kind + " campaign's calls go to agents"));
        }
        if (!wrong.isEmpty()) {
            throw new InvalidRequestException(wrong);
        }
        return new CampaignSettings(name, draft.queueId(), callerId, kind, mode, window, retries, cap, ring, grace, script, prompts, lines);
    }

    private static DialWindow window(CampaignDraft.WindowDraft draft, List<Violation> wrong) {
        if (draft == null) {
            return DialWindow.DEFAULT;
        }
        LocalTime from = time(draft.from(), DialWindow.DEFAULT.from(), "window.from", wrong);
        LocalTime until = time(draft.until(), DialWindow.DEFAULT.until(), "window.until", wrong);
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (draft.days() == null) {
            days = EnumSet.allOf(DayOfWeek.class);
        } else {
            for (String day : draft.days()) {
                try {
                    days.add(DayOfWeek.valueOf(String.valueOf(day).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    wrong.add(new Violation("window.days", "'" + day + "' is not a day (MONDAY … SUNDAY)"));
                }
            }
            if (draft.days().isEmpty()) {
                wrong.add(new Violation("window.days", "the window never opens: it names no day"));
            }
        }
        if (from != null && until != null && !from.isBefore(until)) {
            wrong.add(new Violation("window", "the window never opens: " + from + " is not before " + until));
        }
        if (from == null || until == null || days.isEmpty() || !from.isBefore(until)) {
            return null;
        }
        return new DialWindow(from, until, days);
    }

    private static RetryRules retries(Map<String, CampaignDraft.RetryDraft> drafts, Integer perDay, List<Violation> wrong) {
        Map<CallOutcome, RetryRules.Rule> rules = new EnumMap<>(RetryRules.DEFAULT.rules());
        if (drafts != null) {
            for (Map.Entry<String, CampaignDraft.RetryDraft> entry : drafts.entrySet()) {
                CallOutcome outcome;
                try {
                    outcome = CallOutcome.valueOf(entry.getKey().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    outcome = null;
                }
                String field = "retries." + entry.getKey();
                if (outcome == null || !RETRIED.contains(outcome)) {
                    wrong.add(new Violation(field, "only BUSY, NO_ANSWER, MACHINE and ABANDONED are retried"));
                    continue;
                }
                CampaignDraft.RetryDraft draft = entry.getValue();
                RetryRules.Rule standard = RetryRules.DEFAULT.rules().get(outcome);
                int attempts = draft == null || draft.attempts() == null ? standard.attempts() : draft.attempts();
                long delay = draft == null || draft.delaySeconds() == null ? standard.after().toSeconds() : draft.delaySeconds();
                boolean ok = true;
                if (attempts < 1 || attempts > 20) {
                    wrong.add(new Violation(field + ".attempts", "1 to 20 attempts, not " + attempts));
                    ok = false;
                }
                if (delay < 0 || delay > 604_800) {
                    wrong.add(new Violation(field + ".delaySeconds", "0 to 604800 seconds (a week), not " + delay));
                    ok = false;
                }
                if (ok) {
                    rules.put(outcome, new RetryRules.Rule(attempts, Duration.ofSeconds(delay)));
                }
            }
        }
        int maxPerDay = between(perDay, RetryRules.DEFAULT.maxAttemptsPerDay(), 1, 20, "maxAttemptsPerDay", wrong);
        return new RetryRules(rules, Math.max(1, maxPerDay));
    }

    private static LocalTime time(String text, LocalTime fallback, String field, List<Violation> wrong) {
        if (text == null) {
            return fallback;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            wrong.add(new Violation(field, "a time of day as HH:mm, not '" + text + "'"));
            return null;
        }
    }

    private static int between(Integer value, int fallback, int min, int max, String field, List<Violation> wrong) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            wrong.add(new Violation(field, min + " to " + max + ", not " + v));
        }
        return v;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, E fallback, String field, List<Violation> wrong) {
        if (text == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            wrong.add(new Violation(field, "'" + text + "' is not one of " + List.of(type.getEnumConstants())));
            return fallback;
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
