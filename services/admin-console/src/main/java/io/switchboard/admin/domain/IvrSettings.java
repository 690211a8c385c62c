package io.switchboard.admin.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * What a DID's callers hear before they queue, as an admin configures it: time branches first (the
 * first whose days and hours hold, in the tenant's time zone, plays its prompt and queues the call),
 * else the menu's prompt, where a key picks a queue and silence for {@code timeoutSeconds} goes to
 * {@code timeoutQueueId} (none: the entry point's queue).
 */
public record IvrSettings(String prompt, List<Choice> choices, Integer timeoutSeconds, String timeoutQueueId, List<Branch> branches) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 8;

    /** A key (0-9, * or #) and the queue it leads to. */
    public record Choice(String key, String queueId) {
    }

    /** Calls on one of {@code days} from {@code from} until before {@code until} hear {@code prompt} (if any) and go to {@code queueId}. */
    public record Branch(List<DayOfWeek> days, LocalTime from, LocalTime until, String prompt, String queueId) {

        public Branch {
            days = days == null ? List.of() : List.copyOf(days);
            prompt = prompt == null || prompt.isBlank() ? null : prompt.strip();
        }
    }

    public IvrSettings {
        prompt = prompt == null || prompt.isBlank() ? null : prompt.strip();
        choices = choices == null ? List.of() : List.copyOf(choices);
        timeoutSeconds = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        timeoutQueueId = timeoutQueueId == null || timeoutQueueId.isBlank() ? null : timeoutQueueId;
        branches = branches == null ? List.of() : List.copyOf(branches);
    }

    /** Every queue the menu can send a caller to. */
    public List<String> queues() {
        List<String> queues = new java.util.ArrayList<>(choices.stream().map(Choice::queueId).toList());
        if (timeoutQueueId != null) {
            queues.add(timeoutQueueId);
        }
        branches.forEach(b -> queues.add(b.queueId()));
        return queues;
    }

    /** Every prompt the menu plays. */
    public List<String> prompts() {
        List<String> prompts = new java.util.ArrayList<>();
        if (prompt != null) {
            prompts.add(prompt);
        }
        branches.stream().map(Branch::prompt).filter(java.util.Objects::nonNull).forEach(prompts::add);
        return prompts;
    }
}
