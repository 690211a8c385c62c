package io.switchboard.admin.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.switchboard.events.Channel;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.events.address.SocialAccount;

/** The rules a configuration change must keep; each broken rule becomes a field error in words. */
public final class ConfigValidator {

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());
    private static final Pattern WIDGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern DISPOSITION = Pattern.compile("[A-Z0-9_]{1,40}");
    private static final int MAX_CLOSED_MESSAGE = 1000;

    private ConfigValidator() {
    }

    /** @param prompts the names a menu or closed prompt may play: the tenant's recordings and the built-in ones */
    public static void tenant(TenantSettings tenant, Collection<String> queueIds, Set<String> prompts) {
        Errors errors = new Errors();
        if (tenant == null) {
            throw InvalidConfigurationException.of("", "a tenant needs a body");
        }
        name(errors, tenant.name());
        zone(errors, "timeZone", tenant.timeZone(), true);
        if (Errors.blank(tenant.defaultRegion())) {
            errors.add("defaultRegion", "is required: the ISO 3166 region phone numbers without a country code are read in, e.g. GB");
        } else if (!REGIONS.contains(tenant.defaultRegion())) {
            errors.add("defaultRegion", "'" + tenant.defaultRegion() + "' is not an ISO 3166 region code (two capital letters, e.g. GB)");
        }
        if (tenant.routingDomain() != null && !Identifiers.valid(tenant.routingDomain())) {
            errors.add("routingDomain", "must be lower-case letters, digits or dashes");
        }
        if (tenant.defaultQueueId() != null && !queueIds.contains(tenant.defaultQueueId())) {
            errors.add("defaultQueueId", "no queue '" + tenant.defaultQueueId() + "' in this tenant");
        }
        hours(errors, "businessHours", tenant.businessHours());
        holidays(errors, "holidays", tenant.holidays());
        if (tenant.closedMessage() != null && tenant.closedMessage().length() > MAX_CLOSED_MESSAGE) {
            errors.add("closedMessage", "is longer than " + MAX_CLOSED_MESSAGE + " characters (an SMS carries 10 segments at most)");
        }
        if (tenant.closedPrompt() != null) {
            prompt(errors, "closedPrompt", tenant.closedPrompt(), prompts);
        }
        errors.throwIfAny();
    }

    public static void skill(String skillId, SkillSettings skill) {
        Errors errors = new Errors();
        if (!Identifiers.valid(skillId)) {
            errors.add("skillId", "must be 1-63 lower-case letters, digits or dashes");
        }
        if (skill == null) {
            throw InvalidConfigurationException.of("", "a skill needs a body");
        }
        name(errors, skill.name());
        errors.throwIfAny();
    }

    /**
     * @param skills    the tenant's catalogue
     * @param overflows every other queue of the tenant and the queue it overflows to (null for none)
     */
    public static void queue(String queueId, QueueSettings queue, Set<String> skills, Map<String, String> overflows) {
        Errors errors = new Errors();
        if (queue == null) {
            throw InvalidConfigurationException.of("", "a queue needs a body");
        }
        if (!Identifiers.valid(queueId)) {
            errors.add("queueId", "must be 1-63 lower-case letters, digits or dashes");
        }
        name(errors, queue.name());
        queue.requiredSkills().forEach((skill, level) -> {
            if (!skills.contains(skill)) {
                errors.add("requiredSkills." + skill, "unknown skill: '" + skill + "' is not in this tenant's catalogue");
            }
            if (level == null || level < 1 || level > 5) {
                errors.add("requiredSkills." + skill, "proficiency must be from 1 to 5");
            }
        });
        range(errors, "priority", queue.priority(), 0, 100);
        range(errors, "serviceLevelSeconds", queue.serviceLevelSeconds(), 1, 3600);
        range(errors, "serviceLevelPercent", queue.serviceLevelPercent(), 1, 100);
        range(errors, "preferredAgentSeconds", queue.preferredAgentSeconds(), 0, 3600);
        range(errors, "offerTimeoutSeconds", queue.offerTimeoutSeconds(), 5, 600);
        range(errors, "maxWaitSeconds", queue.maxWaitSeconds(), 0, 86_400);
        overflow(errors, queueId, queue, overflows);
        for (int i = 0; i < queue.relaxation().size(); i++) {
            relaxation(errors, "relaxation[" + i + "]", queue.relaxation().get(i), queue.requiredSkills());
        }
        hours(errors, "businessHours", queue.businessHours());
        zone(errors, "timeZone", queue.timeZone(), false);
        if (queue.outsideHours() == QueueConfigured.BusinessHours.OutsideHours.OVERFLOW && queue.overflowQueueId() == null) {
            errors.add("outsideHours", "OVERFLOW outside hours needs an overflowQueueId");
        }
        holidays(errors, "holidays", queue.holidays());
        if (!queue.holidays().isEmpty() && queue.businessHours().isEmpty()) {
            errors.add("holidays", "a queue that follows the tenant's hours has the tenant's holidays; set its own hours to set its own holidays");
        }
        range(errors, "wrapUpSeconds", queue.wrapUpSeconds(), 0, 3600);
        dispositions(errors, queue.dispositions());
        cannedResponses(errors, queue.cannedResponses());
        errors.throwIfAny();
    }

    private static void holidays(Errors errors, String field, List<QueueConfigured.Holiday> holidays) {
        Set<java.time.LocalDate> seen = new java.util.HashSet<>();
        for (int i = 0; i < holidays.size(); i++) {
            QueueConfigured.Holiday holiday = holidays.get(i);
            if (holiday == null || holiday.date() == null) {
                errors.add(field + "[" + i + "]", "needs a date (YYYY-MM-DD)");
            } else if (!seen.add(holiday.date())) {
                errors.add(field + "[" + i + "]", holiday.date() + " is listed twice");
            } else if (holiday.name() != null && holiday.name().length() > 100) {
                errors.add(field + "[" + i + "].name", "is longer than 100 characters");
            }
        }
    }

    private static void dispositions(Errors errors, List<QueueConfigured.Disposition> dispositions) {
        Set<String> codes = new java.util.HashSet<>();
        for (int i = 0; i < dispositions.size(); i++) {
            QueueConfigured.Disposition disposition = dispositions.get(i);
            String at = "dispositions[" + i + "]";
            if (disposition == null || !DISPOSITION.matcher(disposition.code()).matches()) {
                errors.add(at + ".code", "must be 1-40 capital letters, digits or underscores, e.g. CALLBACK_REQUESTED");
            } else if (!codes.add(disposition.code())) {
                errors.add(at + ".code", disposition.code() + " is listed twice");
            } else if (disposition.label().length() > 80) {
                errors.add(at + ".label", "is longer than 80 characters");
            }
        }
        if (dispositions.size() > 50) {
            errors.add("dispositions", "at most 50 codes: agents choose from them while the next contact waits");
        }
    }

    private static void cannedResponses(Errors errors, List<QueueConfigured.CannedResponse> responses) {
        Set<String> titles = new java.util.HashSet<>();
        for (int i = 0; i < responses.size(); i++) {
            QueueConfigured.CannedResponse response = responses.get(i);
            String at = "cannedResponses[" + i + "]";
            if (response == null) {
                errors.add(at, "needs a title and a text");
            } else if (response.title().length() > 80) {
                errors.add(at + ".title", "is longer than 80 characters");
            } else if (!titles.add(response.title())) {
                errors.add(at + ".title", "'" + response.title() + "' is used twice");
            } else if (response.text().length() > 2000) {
                errors.add(at + ".text", "is longer than 2000 characters");
            }
        }
        if (responses.size() > 100) {
            errors.add("cannedResponses", "at most 100 responses per queue");
        }
    }

    /** Reads the address as its channel writes it (E.164 for phone numbers, lower-case email) and returns that form. */
    public static EntryPointSettings entryPoint(EntryPointSettings entryPoint, String region, Set<String> queueIds, Set<String> prompts) {
        Errors errors = new Errors();
        if (entryPoint == null || entryPoint.channel() == null) {
            throw InvalidConfigurationException.of("channel", "is required: one of " + Arrays.toString(Channel.values()));
        }
        String address = entryPoint.address() == null ? "" : entryPoint.address().trim();
        if (address.isEmpty()) {
            errors.add("address", "is required");
        } else {
            try {
                address = switch (entryPoint.channel()) {
                    case VOICE, SMS, FAX -> Address.phone(address, region).value();
                    case EMAIL -> Address.email(address).value();
                    case CHAT -> {
                        if (!WIDGET.matcher(address).matches()) {
                            throw new InvalidAddressException("a widget id is letters, digits, '-' or '_' (up to 64)");
                        }
                        yield address;
                    }
                    case SOCIAL -> SocialAccount.parse(address).address();
                };
            } catch (InvalidAddressException e) {
                errors.add("address", e.getMessage());
            }
        }
        if (entryPoint.queueId() == null || !queueIds.contains(entryPoint.queueId())) {
            errors.add("queueId", "no queue '" + entryPoint.queueId() + "' in this tenant");
        }
        if (entryPoint.ivr() != null) {
            if (entryPoint.channel() != Channel.VOICE) {
                errors.add("ivr", "only a VOICE entry point (a DID) has an IVR menu");
            } else {
                ivr(errors, entryPoint.ivr(), queueIds, prompts);
            }
        }
        errors.throwIfAny();
        return new EntryPointSettings(entryPoint.channel(), address, entryPoint.queueId(), entryPoint.ivr());
    }

    private static void ivr(Errors errors, IvrSettings ivr, Set<String> queueIds, Set<String> prompts) {
        if (ivr.choices().isEmpty() && ivr.branches().isEmpty()) {
            errors.add("ivr", "a menu offers at least one key or one time branch (no menu: leave it out)");
        }
        if (ivr.prompt() == null) {
            errors.add("ivr.prompt", "is required: the recording callers hear, e.g. \"For billing press 1\"");
        } else {
            prompt(errors, "ivr.prompt", ivr.prompt(), prompts);
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < ivr.choices().size(); i++) {
            IvrSettings.Choice choice = ivr.choices().get(i);
            String field = "ivr.choices[" + i + "]";
            if (choice.key() == null || !choice.key().matches("[0-9*#]")) {
                errors.add(field + ".key", "a key is one of 0-9, * or #, not '" + choice.key() + "'");
            } else if (!keys.add(choice.key())) {
                errors.add(field + ".key", "key " + choice.key() + " is already a choice of this menu");
            }
            queueOf(errors, field + ".queueId", choice.queueId(), queueIds);
        }
        range(errors, "ivr.timeoutSeconds", ivr.timeoutSeconds(), 1, 60);
        if (ivr.timeoutQueueId() != null) {
            queueOf(errors, "ivr.timeoutQueueId", ivr.timeoutQueueId(), queueIds);
        }
        for (int i = 0; i < ivr.branches().size(); i++) {
            IvrSettings.Branch branch = ivr.branches().get(i);
            String field = "ivr.branches[" + i + "]";
            if (branch.days().isEmpty()) {
                errors.add(field + ".days", "name at least one day, e.g. SATURDAY");
            }
            if (branch.from() == null || branch.until() == null) {
                errors.add(field + ".from", "a branch has a start and an end time, e.g. 18:00 until 22:00");
            } else if (!branch.from().isBefore(branch.until())) {
                errors.add(field + ".until", branch.until() + " is not after " + branch.from()
                        + " (a branch ends on the day it starts; split one past midnight in two)");
            }
            if (branch.prompt() != null) {
                prompt(errors, field + ".prompt", branch.prompt(), prompts);
            }
            queueOf(errors, field + ".queueId", branch.queueId(), queueIds);
        }
    }

    private static void queueOf(Errors errors, String field, String queueId, Set<String> queueIds) {
        if (queueId == null || !queueIds.contains(queueId)) {
            errors.add(field, "no queue '" + queueId + "' in this tenant");
        }
    }

    private static void prompt(Errors errors, String field, String prompt, Set<String> prompts) {
        if (!prompts.contains(prompt)) {
            errors.add(field, "no prompt '" + prompt + "': upload it under Prompts, or name a built-in one ("
                    + String.join(", ", io.switchboard.events.PromptConfigured.BUILT_IN) + ")");
        }
    }

    /** A recording's name and length, as uploaded. */
    public static void prompt(String name, String description, int samples) {
        Errors errors = new Errors();
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            errors.add("name", "is 1-40 lower-case letters, digits or dashes");
        } else if (io.switchboard.events.PromptConfigured.BUILT_IN.contains(name)) {
            errors.add("name", "'" + name + "' is a built-in prompt; choose another name");
        }
        if (description != null && description.length() > 500) {
            errors.add("description", "is longer than 500 characters");
        }
        int max = io.switchboard.events.PromptConfigured.MAX_SECONDS * io.switchboard.events.PromptConfigured.SAMPLES_PER_SECOND;
        if (samples == 0) {
            errors.add("audio", "the recording is empty");
        } else if (samples > max) {
            errors.add("audio", "the recording lasts " + (samples / io.switchboard.events.PromptConfigured.SAMPLES_PER_SECOND)
                    + " s; a prompt lasts at most " + io.switchboard.events.PromptConfigured.MAX_SECONDS + " s");
        }
        errors.throwIfAny();
    }

    /** A SIP phone password: phones are attacked by password guessing from the internet, so it is long. */
    public static void phonePassword(String agentId, String password) {
        if (password == null || password.length() < 12) {
            throw InvalidConfigurationException.of("password", "a phone password has at least 12 characters");
        }
        if (password.length() > 128) {
            throw InvalidConfigurationException.of("password", "a phone password has at most 128 characters");
        }
        if (password.toLowerCase(Locale.ROOT).contains(agentId.toLowerCase(Locale.ROOT))) {
            throw InvalidConfigurationException.of("password", "a phone password does not contain the username");
        }
    }

    /** @param catalogue the skills of the agent's tenants' catalogues together */
    public static void agent(String username, AgentSettings agent, Set<String> catalogue, Set<String> existingTenants,
            String password, boolean creating) {
        Errors errors = new Errors();
        if (agent == null) {
            throw InvalidConfigurationException.of("", "an agent needs a body");
        }
        if (!Identifiers.valid(username)) {
            errors.add("username", "must be 1-63 lower-case letters, digits or dashes");
        }
        if (Errors.blank(agent.firstName())) {
            errors.add("firstName", "is required (Keycloak asks for it at sign-in otherwise)");
        }
        if (Errors.blank(agent.lastName())) {
            errors.add("lastName", "is required (Keycloak asks for it at sign-in otherwise)");
        }
        try {
            Address.email(agent.email());
        } catch (InvalidAddressException e) {
            errors.add("email", "must be an email address (" + e.getMessage() + ")");
        }
        if (agent.tenants().isEmpty()) {
            errors.add("tenants", "an agent serves at least one tenant");
        }
        for (String tenant : agent.tenants()) {
            if (!existingTenants.contains(tenant)) {
                errors.add("tenants", "no tenant '" + tenant + "'");
            }
        }
        agent.skills().forEach((skill, level) -> {
            if (!catalogue.contains(skill)) {
                errors.add("skills." + skill, "unknown skill: '" + skill + "' is in none of the agent's tenants' catalogues");
            }
            if (level == null || level < 1 || level > 5) {
                errors.add("skills." + skill, "proficiency must be from 1 to 5");
            }
        });
        agent.capacity().forEach((channel, slots) -> {
            if (slots == null || slots < 0 || slots > 100) {
                errors.add("capacity." + channel, "must be from 0 to 100 contacts at once");
            }
        });
        if (creating && Errors.blank(password)) {
            errors.add("password", "a new agent needs a password to sign in with");
        }
        if (!Errors.blank(password) && password.length() < 8) {
            errors.add("password", "must be at least 8 characters");
        }
        errors.throwIfAny();
    }

    private static void overflow(Errors errors, String queueId, QueueSettings queue, Map<String, String> overflows) {
        String target = queue.overflowQueueId();
        if (queue.maxWaitSeconds() > 0 && target == null) {
            errors.add("overflowQueueId", "a maximum wait needs a queue to overflow to");
        }
        if (target == null) {
            return;
        }
        if (target.equals(queueId)) {
            errors.add("overflowQueueId", "a queue cannot overflow to itself");
            return;
        }
        if (!overflows.containsKey(target)) {
            errors.add("overflowQueueId", "no queue '" + target + "' in this tenant");
            return;
        }
        Map<String, String> chain = new LinkedHashMap<>(overflows);
        chain.put(queueId, target);
        List<String> path = new ArrayList<>(List.of(queueId));
        Set<String> seen = new HashSet<>(path);
        for (String next = target; next != null; next = chain.get(next)) {
            path.add(next);
            if (!seen.add(next)) {
                errors.add("overflowQueueId", "overflow cycle: " + String.join(" → ", path));
                return;
            }
        }
    }

    private static void relaxation(Errors errors, String field, QueueSettings.Relaxation step, Map<String, Integer> required) {
        if (step == null) {
            errors.add(field, "is empty");
            return;
        }
        if (step.afterSeconds() <= 0) {
            errors.add(field + ".afterSeconds", "must be positive");
        }
        Integer level = step.skill() == null ? null : required.get(step.skill());
        if (level == null) {
            errors.add(field + ".skill", "relaxes only a skill the queue requires");
        } else if (step.minimumProficiency() != null && (step.minimumProficiency() < 1 || step.minimumProficiency() >= level)) {
            errors.add(field + ".minimumProficiency", "must be from 1 to " + (level - 1) + " (below the required " + level
                    + "), or empty to drop the skill");
        }
    }

    static void hours(Errors errors, String field, List<Opening> openings) {
        for (int i = 0; i < openings.size(); i++) {
            Opening opening = openings.get(i);
            String at = field + "[" + i + "]";
            if (opening == null || opening.day() == null || opening.opens() == null || opening.closes() == null) {
                errors.add(at, "needs a day, an opening and a closing time (HH:MM)");
                continue;
            }
            if (!opening.opens().isBefore(opening.closes())) {
                errors.add(at, "opens at " + opening.opens() + " but closes at " + opening.closes() + ": closing must be later");
                continue;
            }
            for (int j = 0; j < i; j++) {
                Opening other = openings.get(j);
                if (other != null && other.day() == opening.day() && other.opens() != null && other.closes() != null
                        && opening.opens().isBefore(other.closes()) && other.opens().isBefore(opening.closes())) {
                    errors.add(at, "overlaps " + field + "[" + j + "] on " + dayName(opening.day()));
                }
            }
        }
    }

    private static String dayName(DayOfWeek day) {
        return day.getDisplayName(java.time.format.TextStyle.FULL, Locale.ENGLISH);
    }

    private static void zone(Errors errors, String field, String zone, boolean required) {
        if (Errors.blank(zone)) {
            if (required) {
                errors.add(field, "is required: an IANA time zone such as Europe/London");
            }
            return;
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add(field, "'" + zone + "' is not an IANA time zone (e.g. Europe/London)");
        }
    }

    private static void name(Errors errors, String name) {
        if (Errors.blank(name)) {
            errors.add("name", "is required");
        } else if (name.length() > 100) {
            errors.add("name", "is longer than 100 characters");
        }
    }

    private static void range(Errors errors, String field, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(field, "must be from " + min + " to " + max);
        }
    }
}
