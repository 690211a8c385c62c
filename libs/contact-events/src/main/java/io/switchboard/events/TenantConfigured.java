package io.switchboard.events;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A tenant (a client company the center answers for) and its entry points.
 *
 * @param defaultRegion  ISO 3166 region for reading phone numbers without a country code
 * @param routingDomain  the tenants that share agents share a domain; by default the tenant id
 * @param defaultQueueId where contacts go whose entry point matches nothing
 */
public record TenantConfigured(UUID eventId, String tenantId, Instant occurredAt, String name, String timeZone,
        String defaultRegion, String routingDomain, String defaultQueueId, List<EntryPoint> entryPoints)
        implements ConfigEvent {

    /** An address customers reach the tenant on, the queue it leads to and, for a DID, the menu its callers hear. */
    public record EntryPoint(Channel channel, String address, String queueId, IvrMenu ivr) {

        public EntryPoint {
            Require.present(channel, "entry point channel");
            Require.present(address, "entry point address");
            Require.present(queueId, "entry point queueId");
            if (ivr != null && channel != Channel.VOICE) {
                throw new IllegalArgumentException("only a VOICE entry point has an IVR menu, not " + channel);
            }
        }

        /** An entry point without a menu. */
        public EntryPoint(Channel channel, String address, String queueId) {
            this(channel, address, queueId, null);
        }
    }

    /**
     * What a DID's callers hear before they queue. The first time branch whose day and hours hold (in
     * the tenant's time zone) plays its prompt and sends the caller to its queue, without the menu.
     * Otherwise {@code prompt} plays, a key (RFC 4733) picks a choice's queue, an unknown key hears
     * the menu again, and silence for {@code timeoutSeconds} after the prompt sends the caller to
     * {@code timeoutQueueId} (none: the entry point's queue). Prompts are names of the tenant's
     * {@link PromptConfigured} recordings or of the voice gateway's built-in ones.
     */
    public record IvrMenu(String prompt, List<IvrChoice> choices, int timeoutSeconds, String timeoutQueueId,
            List<TimeBranch> branches) {

        public IvrMenu {
            Require.present(prompt, "ivr prompt");
            choices = Require.list(choices);
            Require.between(timeoutSeconds, 1, 60, "ivr timeoutSeconds");
            timeoutQueueId = timeoutQueueId == null || timeoutQueueId.isBlank() ? null : timeoutQueueId;
            branches = Require.list(branches);
        }
    }

    /** A key of the menu (0-9, * or #) and the queue it leads to. */
    public record IvrChoice(String key, String queueId) {

        public IvrChoice {
            Require.present(key, "ivr choice key");
            Require.present(queueId, "ivr choice queueId");
            if (!key.matches("[0-9*#]")) {
                throw new IllegalArgumentException("an ivr key is one of 0-9, * or #, not '" + key + "'");
            }
        }
    }

    /**
     * Calls arriving on one of {@code days} from {@code from} until before {@code until} (local time of
     * the tenant) hear {@code prompt}, if any, and go to {@code queueId}.
     */
    public record TimeBranch(List<DayOfWeek> days, LocalTime from, LocalTime until, String prompt, String queueId) {

        public TimeBranch {
            days = Require.list(days);
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a time branch names at least one day");
            }
            Require.present(from, "time branch from");
            Require.present(until, "time branch until");
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("a time branch starts before it ends: " + from + " is not before " + until);
            }
            prompt = prompt == null || prompt.isBlank() ? null : prompt;
            Require.present(queueId, "time branch queueId");
        }
    }

    public TenantConfigured {
        Require.present(eventId, "eventId");
        Require.present(tenantId, "tenantId");
        Require.present(occurredAt, "occurredAt");
        Require.present(name, "name");
        Require.present(timeZone, "timeZone");
        routingDomain = routingDomain == null || routingDomain.isBlank() ? tenantId : routingDomain;
        entryPoints = Require.list(entryPoints);
    }

    @Override
    public String subject() {
        return "tenant:" + tenantId;
    }
}
