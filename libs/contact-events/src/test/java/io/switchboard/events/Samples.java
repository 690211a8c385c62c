package io.switchboard.events;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.switchboard.events.address.Address;
import io.switchboard.events.address.SocialPlatform;

/** One fully populated instance of every event type, for round trips and schema checks. */
final class Samples {

    static final Instant AT = Instant.parse("2026-11-25T09:15:30.123Z");
    static final String TENANT = "acme-bank";

    private Samples() {
    }

    static UUID id(int n) {
        return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
    }

    static Map<EventType, SwitchboardEvent> all() {
        AttachmentRef attachment = new AttachmentRef("att-1", "statement.pdf", "application/pdf", 48_213,
                URI.create("/api/attachments/att-1"));
        Address customer = Address.email("Jane.Doe@Example.com");
        Address phone = Address.phone("+44 20 7946 0958", "GB");
        return Map.ofEntries(
                Map.entry(EventType.CONTACT_CREATED, new ContactCreated(id(1), TENANT, AT, "c-1", Channel.EMAIL, Direction.INBOUND,
                        "support@acme.example", customer, Address.email("support@acme.example"),
                        Map.of("name", "Jane Doe", "email.verified", "false"), "I was charged twice", "Hello, I was charged twice.",
                        List.of(attachment), "en", 0, Map.of("messageId", "<abc@mail.example>"))),
                Map.entry(EventType.CONTACT_MESSAGE_RECEIVED, new ContactMessageReceived(id(2), TENANT, AT, "c-1", "m-1", Channel.SMS,
                        phone, "Still waiting", List.of(), Map.of())),
                Map.entry(EventType.CONTACT_MESSAGE_SENT, new ContactMessageSent(id(3), TENANT, AT, "c-1", "m-2", Channel.CHAT, "agent-7",
                        Address.chatVisitor("v-123"), "Sorry about that, refunded.", List.of(), Map.of())),
                Map.entry(EventType.CONTACT_MESSAGE_FAILED, new ContactMessageFailed(id(32), TENANT, AT, "c-1", "m-8", Channel.EMAIL,
                        "agent-7", "550 5.1.1 mailbox unavailable", true, Map.of())),
                Map.entry(EventType.CONTACT_MESSAGE_STATUS, new ContactMessageStatusChanged(id(33), TENANT, AT, "c-1", "m-9", Channel.SMS,
                        ContactMessageStatusChanged.Status.UNDELIVERED, "Unreachable destination handset", "undelivered/30003",
                        Map.of("providerMessageId", "SM0123456789abcdef0123456789abcdef"))),
                Map.entry(EventType.REPLY_REQUESTED, new ReplyRequested(id(31), TENANT, AT, "c-1", "m-9", Channel.CHAT, "agent-7",
                        "We have refunded the second charge.", List.of(), Map.of())),
                Map.entry(EventType.CONTACT_ENDED, new ContactEnded(id(4), TENANT, AT, "c-1", Channel.VOICE, ContactEnded.Reason.CUSTOMER_LEFT,
                        "resolved", 4L, 35L, 182L, 0L)),
                Map.entry(EventType.CONTACT_QUEUED, new ContactQueued(id(5), TENANT, AT, "c-1", Channel.VOICE, "billing", 1, AT.minusSeconds(3))),
                Map.entry(EventType.CONTACT_OFFERED, new ContactOffered(id(6), TENANT, AT, "c-1", Channel.VOICE, "billing", "agent-7", "o-1",
                        AT.plusSeconds(20))),
                Map.entry(EventType.CONTACT_ASSIGNED, new ContactAssigned(id(7), TENANT, AT, "c-1", Channel.VOICE, "billing", "agent-7", "o-1")),
                Map.entry(EventType.CONTACT_REJECTED, new ContactRejected(id(8), TENANT, AT, "c-1", "billing", "agent-7", "o-1",
                        ContactRejected.Reason.TIMED_OUT)),
                Map.entry(EventType.CONTACT_ABANDONED, new ContactAbandoned(id(9), TENANT, AT, "c-1", "billing", 42,
                        ContactAbandoned.Reason.CUSTOMER_LEFT)),
                Map.entry(EventType.CONTACT_TRANSFERRED, new ContactTransferred(id(10), TENANT, AT, "c-1", "billing", "loans", null,
                        "agent-7", "needs a loan officer")),
                Map.entry(EventType.QUEUE_STATS, new QueueStatsReported(id(19), TENANT, AT, "billing", 4, 35L, 2,
                        java.time.LocalDate.of(2026, 11, 25), 120, 100, 83, 12, 0.741, 20, 80)),
                Map.entry(EventType.AGENT_STATE_CHANGED, new AgentStateChanged(id(11), TENANT, AT, "agent-7", AgentStateChanged.State.WRAP_UP,
                        "after call work", AT.plusSeconds(30))),
                Map.entry(EventType.OFFER_ANSWERED, new OfferAnswered(id(18), TENANT, AT, "agent-7", "c-1", "c-1#1",
                        OfferAnswered.Answer.ACCEPTED)),
                Map.entry(EventType.CONTACT_TYPING, new ContactTyping(id(31), TENANT, AT, "c-1", Channel.CHAT,
                        ContactTyping.Party.AGENT, "agent-7")),
                Map.entry(EventType.CONTACT_SURVEY_ANSWERED, new ContactSurveyAnswered(id(60), TENANT, AT, "c-1", Channel.CHAT, 4,
                        "quick and kind")),
                Map.entry(EventType.CALL_CONTROL_REQUESTED, new CallControlRequested(id(32), TENANT, AT, "c-1", "agent-7",
                        CallControlRequested.Action.HOLD)),
                Map.entry(EventType.CALL_DIAL_REQUESTED, new CallDialRequested(id(33), TENANT, AT, "c-2", "agent-7", "+442079460000",
                        Address.phone("+447400123456", null))),
                Map.entry(EventType.CAMPAIGN_CALL_REQUESTED, new CampaignCallRequested(id(61), TENANT, AT, "c-3", "spring-renewals",
                        "r-17", 2, "billing", "+442079460000", Address.phone("+447400123456", null), null, List.of(), 30, 2,
                        Map.of("name", "Ada Lovelace", "balance", "120.50"))),
                Map.entry(EventType.CALL_ATTEMPT_COMPLETED, new CallAttemptCompleted(id(62), TENANT, AT, "c-3", "spring-renewals",
                        "r-17", CallAttemptCompleted.Result.CONNECTED, AT.minusSeconds(3), "200 OK", List.of())),
                Map.entry(EventType.OPT_OUT_CHANGED, new OptOutChanged(id(63), TENANT, AT, Address.phone("+447400123456", null), true,
                        "sms-stop")),
                Map.entry(EventType.TRANSFER_REQUESTED, new TransferRequested(id(30), TENANT, AT, "agent-7", "c-1", "loans", null,
                        "needs a loan officer")),
                Map.entry(EventType.WRAP_UP_COMPLETED, new WrapUpCompleted(id(34), TENANT, AT, "agent-7", "c-1", "billing", "RESOLVED",
                        "refund promised by Friday")),
                Map.entry(EventType.TENANT_CONFIGURED, new TenantConfigured(id(12), TENANT, AT, "Acme Bank", "Europe/London", "GB", "center-1",
                        "general", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, "+442079460000", "billing",
                                new TenantConfigured.IvrMenu("main-menu", List.of(new TenantConfigured.IvrChoice("1", "billing"),
                                        new TenantConfigured.IvrChoice("2", "loans")), 8, "general",
                                        List.of(new TenantConfigured.TimeBranch(List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                                                LocalTime.of(9, 0), LocalTime.of(13, 0), "weekend-greeting", "weekend"))))))),
                Map.entry(EventType.QUEUE_CONFIGURED, new QueueConfigured(id(13), TENANT, AT, "billing", "Billing", Map.of("billing", 2),
                        1, new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.LONGEST_IDLE, 30, 20, 600, "general",
                        List.of(new QueueConfigured.RelaxationStep(60, "billing", 1)),
                        new QueueConfigured.BusinessHours("Europe/London",
                                List.of(new QueueConfigured.BusinessHours.Opening(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(18, 0))),
                                QueueConfigured.BusinessHours.OutsideHours.OVERFLOW,
                                List.of(new QueueConfigured.Holiday(java.time.LocalDate.of(2026, 12, 25), "Christmas Day")),
                                "We are closed. We answer from 8:00 on the next working day.", "closed-evening"),
                        true, true, 45, List.of(new QueueConfigured.Disposition("RESOLVED", "Resolved"),
                                new QueueConfigured.Disposition("CALLBACK", "Call back")),
                        List.of(new QueueConfigured.CannedResponse("Greeting", "Hello, how can I help you today?")),
                        QueueConfigured.AgentSelection.PRIMARY_FIRST)),
                Map.entry(EventType.AGENT_CONFIGURED, new AgentConfigured(id(14), TENANT, AT, "agent-7", "Sam Agent",
                        List.of(TENANT, "globex"), Map.of("billing", 4, "loans", 2), Map.of(Channel.VOICE, 1, Channel.CHAT, 3), false, true)),
                Map.entry(EventType.PROMPT_CONFIGURED, new PromptConfigured(id(35), TENANT, AT, "main-menu",
                        "For billing press 1, for loans press 2", java.util.Base64.getEncoder().encodeToString(new byte[] { -1, 127, -1, 127 }),
                        true)),
                Map.entry(EventType.PHONE_CREDENTIALS_CONFIGURED, new PhoneCredentialsConfigured(id(36), TENANT, AT, "agent-7",
                        "switchboard", "6b1c3a0f5e2d4c8b9a7f0e1d2c3b4a59", true)),
                Map.entry(EventType.CUSTOMER_UPDATED, new CustomerUpdated(id(15), TENANT, AT, "cust-1", "Jane Doe", "en", true, "prefers email",
                        List.of(customer, phone, Address.social(SocialPlatform.TELEGRAM, "@jdoe")), false)),
                Map.entry(EventType.CUSTOMER_MERGED, new CustomerMerged(id(16), TENANT, AT, "cust-1", "cust-2", true, "system",
                        "same verified email and voice phone")),
                Map.entry(EventType.CUSTOMER_UNMERGED, new CustomerUnmerged(id(17), TENANT, AT, "cust-1", "cust-2", "supervisor-1",
                        "different people")));
    }
}
