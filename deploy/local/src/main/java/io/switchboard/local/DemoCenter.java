package io.switchboard.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo center ./switchboard up configures through the admin console's own API, as an admin
 * would: two tenants (a bank and a travel company sharing one routing domain, because some agents
 * serve both), their skills, five queues, their entry points (the bank's main number with an IVR
 * menu) and the demo agents' SIP phone passwords. The agents are the realm's demo users
 * (deploy/keycloak), whose skills are Keycloak attributes the console publishes. Writing the
 * same settings again changes nothing, so every start may seed.
 */
final class DemoCenter {

    /**
     * acme-bank's SMS number. The UK's drama range (07700 900xxx) would be the natural choice, but
     * libphonenumber rightly reads it as no valid number, so the demo uses a valid mobile number that
     * only the local provider simulator answers for.
     */
    static final String ACME_SMS = "+447700100100";
    /** acme-bank's loans team's text line and mailbox (what arrives there waits in loans, like the bank's faxes). */
    static final String ACME_LOANS_SMS = "+447700100101";
    static final String ACME_LOANS_EMAIL = "loans@acme-bank.example";
    /** acme-bank's loans line: a call to it waits in loans, with no welcome menu. */
    static final String ACME_LOANS_VOICE = "+442079460001";
    static final String ACME_CLOSED_MESSAGE = "Acme Bank's team is away right now. We will answer you as soon as we open.";
    /** acme-bank's fax number. */
    static final String ACME_FAX = "+442079460099";

    /** Every demo agent's SIP phone password (a real center gives each agent their own). */
    static final String PHONE_PASSWORD = "demo-phone-2026";
    static final String GLOBEX_CLOSED_MESSAGE = "Globex Travel está cerrado ahora. Le responderemos en cuanto abramos.";

    /** One console call: PUT {@code path} with {@code body}. */
    record Put(String path, Map<String, Object> body) {
    }

    private DemoCenter() {
    }

    static List<Put> requests() {
        List<Put> puts = new ArrayList<>();
        // Tenants first (their default queue once it exists), so agents and queues have a home.
        puts.add(tenant("acme-bank", "Acme Bank", "Europe/London", "GB", null));
        puts.add(tenant("globex-travel", "Globex Travel", "Europe/Madrid", "ES", null));
        puts.add(skill("acme-bank", "billing", "Billing"));
        puts.add(skill("acme-bank", "loans", "Loans"));
        puts.add(skill("acme-bank", "outbound", "Outbound campaigns"));
        puts.add(skill("globex-travel", "travel", "Travel"));
        puts.add(skill("globex-travel", "spanish", "Spanish"));
        puts.add(queue("acme-bank", "general", "General", Map.of(), 0, null));
        Map<String, Object> billing = queueBody("Billing", Map.of("billing", 2), 1, "general", 600);
        // No wrap-up time in the demo, so one agent can try contact after contact; a center sets 30-120 s.
        billing.put("dispositions", List.of(Map.of("code", "RESOLVED", "label", "Resolved"),
                Map.of("code", "REFUND_ISSUED", "label", "Refund issued"), Map.of("code", "CALLBACK", "label", "Call back")));
        billing.put("cannedResponses", List.of(
                Map.of("title", "Greeting", "text", "Hello, thank you for contacting Acme Bank. How can I help you today?"),
                Map.of("title", "Double charge", "text", "I can see the second charge. I have asked for it to be refunded; it "
                        + "reaches your account within 3 working days."),
                Map.of("title", "Goodbye", "text", "Is there anything else I can help you with? Have a good day.")));
        puts.add(new Put("/api/tenants/acme-bank/queues/billing", billing));
        puts.add(queue("acme-bank", "loans", "Loans", Map.of("loans", 3), 2, "general"));
        // The bank's outbound team (olivia) answers its campaigns' calls: collections take a promise to pay, and
        // an agent marks an answering machine the carrier did not detect, so the campaign retries it as one.
        Map<String, Object> outbound = queueBody("Outbound", Map.of("outbound", 1), 1, null, 0);
        outbound.put("dispositions", List.of(Map.of("code", "RESOLVED", "label", "Resolved"),
                Map.of("code", "PROMISE_TO_PAY", "label", "Promise to pay"), Map.of("code", "ANSWERING_MACHINE", "label", "Answering machine"),
                Map.of("code", "CALLBACK", "label", "Call back")));
        puts.add(new Put("/api/tenants/acme-bank/queues/outbound", outbound));
        puts.add(queue("globex-travel", "bookings", "Bookings", Map.of("travel", 1), 0, null));
        Map<String, Object> reservas = queueBody("Reservas", Map.of("spanish", 3), 1, "bookings", 300);
        reservas.put("strategy", "MOST_SKILLED");
        reservas.put("relaxation", List.of(Map.of("afterSeconds", 60, "skill", "spanish", "minimumProficiency", 1)));
        reservas.put("businessHours", weekdays("08:00", "20:00"));
        reservas.put("timeZone", "Europe/Madrid");
        reservas.put("outsideHours", "OVERFLOW");
        reservas.put("recordCalls", true);
        puts.add(new Put("/api/tenants/globex-travel/queues/bookings-es", reservas));
        puts.add(tenant("acme-bank", "Acme Bank", "Europe/London", "GB", "general"));
        puts.add(tenant("globex-travel", "Globex Travel", "Europe/Madrid", "ES", "bookings"));
        // The bank's main number: the built-in welcome ("for billing press 1, for loans press 2"); no key means billing.
        puts.add(new Put("/api/tenants/acme-bank/entry-points", Map.of("channel", "VOICE", "address", "+442079460000",
                "queueId", "billing", "ivr", Map.of("prompt", "welcome", "timeoutSeconds", 8, "choices",
                        List.of(Map.of("key", "1", "queueId", "billing"), Map.of("key", "2", "queueId", "loans"))))));
        puts.add(entryPoint("acme-bank", "EMAIL", "support@acme-bank.example", "billing"));
        puts.add(entryPoint("acme-bank", "EMAIL", ACME_LOANS_EMAIL, "loans"));
        puts.add(entryPoint("acme-bank", "CHAT", "widget-acme", "billing"));
        puts.add(entryPoint("acme-bank", "VOICE", ACME_LOANS_VOICE, "loans"));
        puts.add(entryPoint("globex-travel", "CHAT", "widget-globex", "bookings"));
        puts.add(entryPoint("globex-travel", "EMAIL", "help@globex.example", "bookings"));
        puts.add(entryPoint("globex-travel", "VOICE", "+34910000000", "bookings-es"));
        // Text and social messaging (the numbers and accounts the local provider simulator answers for).
        puts.add(entryPoint("acme-bank", "SMS", ACME_SMS, "billing"));
        puts.add(entryPoint("acme-bank", "SMS", ACME_LOANS_SMS, "loans"));
        puts.add(entryPoint("globex-travel", "SMS", "+34600000100", "bookings"));
        puts.add(entryPoint("acme-bank", "SOCIAL", "whatsapp:100000000000001", "billing"));
        puts.add(entryPoint("acme-bank", "SOCIAL", "messenger:200000000000001", "billing"));
        puts.add(entryPoint("acme-bank", "SOCIAL", "telegram:acme_bank_bot", "billing"));
        // The bank's fax number: faxes (the fax channel's Twilio-compatible webhook) wait in loans, for its agents.
        puts.add(entryPoint("acme-bank", "FAX", ACME_FAX, "loans"));
        // The demo agents' softphones register as sip:<agent>@127.0.0.1:5080 with this password; the
        // supervisors' too, which the voice gateway rings when they listen to, whisper in or barge into a call.
        for (String agent : List.of("alice", "bob", "carol", "olivia", "sam")) {
            puts.add(new Put("/api/tenants/acme-bank/phones/" + agent, Map.of("password", PHONE_PASSWORD)));
        }
        for (String agent : List.of("dave", "erin", "frank", "gina")) {
            puts.add(new Put("/api/tenants/globex-travel/phones/" + agent, Map.of("password", PHONE_PASSWORD)));
        }
        return puts;
    }

    private static Put tenant(String id, String name, String zone, String region, String defaultQueue) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "timeZone", zone, "defaultRegion", region,
                "routingDomain", "demo-center", "businessHours", List.of(),
                "closedMessage", id.equals("acme-bank") ? ACME_CLOSED_MESSAGE : GLOBEX_CLOSED_MESSAGE, "closedPrompt", "closed"));
        if (defaultQueue != null) {
            body.put("defaultQueueId", defaultQueue);
        }
        return new Put("/api/tenants/" + id, body);
    }

    private static Put skill(String tenant, String id, String name) {
        return new Put("/api/tenants/" + tenant + "/skills/" + id, Map.of("name", name));
    }

    private static Put queue(String tenant, String id, String name, Map<String, Integer> skills, int priority, String overflow) {
        return new Put("/api/tenants/" + tenant + "/queues/" + id, queueBody(name, skills, priority, overflow, overflow == null ? 0 : 600));
    }

    private static Map<String, Object> queueBody(String name, Map<String, Integer> skills, int priority, String overflow, int maxWait) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "requiredSkills", skills, "priority", priority,
                "serviceLevelSeconds", 20, "serviceLevelPercent", 80, "strategy", "LONGEST_IDLE", "offerTimeoutSeconds", 20,
                "maxWaitSeconds", maxWait));
        if (overflow != null) {
            body.put("overflowQueueId", overflow);
        }
        return body;
    }

    private static Put entryPoint(String tenant, String channel, String address, String queue) {
        return new Put("/api/tenants/" + tenant + "/entry-points", Map.of("channel", channel, "address", address, "queueId", queue));
    }

    private static List<Map<String, String>> weekdays(String opens, String closes) {
        return List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY").stream()
                .map(day -> Map.of("day", day, "opens", opens, "closes", closes)).toList();
    }
}
