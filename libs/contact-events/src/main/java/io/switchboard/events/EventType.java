package io.switchboard.events;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The one registry of event types: record class, CloudEvents {@code type} and topic. */
public enum EventType {
    CONTACT_CREATED(ContactCreated.class, "io.switchboard.contact.created.v1", Topics.CONTACTS),
    CONTACT_MESSAGE_RECEIVED(ContactMessageReceived.class, "io.switchboard.contact.message.received.v1", Topics.CONTACTS),
    CONTACT_MESSAGE_SENT(ContactMessageSent.class, "io.switchboard.contact.message.sent.v1", Topics.CONTACTS),
    CONTACT_MESSAGE_FAILED(ContactMessageFailed.class, "io.switchboard.contact.message.failed.v1", Topics.CONTACTS),
    CONTACT_MESSAGE_STATUS(ContactMessageStatusChanged.class, "io.switchboard.contact.message.status.v1", Topics.CONTACTS),
    CONTACT_TYPING(ContactTyping.class, "io.switchboard.contact.typing.v1", Topics.CONTACTS),
    CONTACT_ENDED(ContactEnded.class, "io.switchboard.contact.ended.v1", Topics.CONTACTS),
    CONTACT_SURVEY_ANSWERED(ContactSurveyAnswered.class, "io.switchboard.contact.survey.answered.v1", Topics.CONTACTS),
    /** On the outbound topic of the reply's channel, not on one topic. */
    REPLY_REQUESTED(ReplyRequested.class, "io.switchboard.contact.reply.requested.v1", null),
    /** On the voice outbound topic: the gateway holding the call acts on it. */
    CALL_CONTROL_REQUESTED(CallControlRequested.class, "io.switchboard.call.control.requested.v1", "switchboard.outbound.voice.v1"),
    /** On the voice outbound topic: the gateway holding the agent's phone places the call. */
    CALL_DIAL_REQUESTED(CallDialRequested.class, "io.switchboard.call.dial.requested.v1", "switchboard.outbound.voice.v1"),
    /** On the voice outbound topic: one dialling attempt of a campaign's record, placed by any gateway instance. */
    CAMPAIGN_CALL_REQUESTED(CampaignCallRequested.class, "io.switchboard.call.campaign.requested.v1", "switchboard.outbound.voice.v1"),
    CALL_ATTEMPT_COMPLETED(CallAttemptCompleted.class, "io.switchboard.call.attempt.completed.v1", Topics.CONTACTS),
    CONTACT_QUEUED(ContactQueued.class, "io.switchboard.contact.queued.v1", Topics.ROUTING),
    CONTACT_OFFERED(ContactOffered.class, "io.switchboard.contact.offered.v1", Topics.ROUTING),
    CONTACT_ASSIGNED(ContactAssigned.class, "io.switchboard.contact.assigned.v1", Topics.ROUTING),
    CONTACT_REJECTED(ContactRejected.class, "io.switchboard.contact.rejected.v1", Topics.ROUTING),
    CONTACT_ABANDONED(ContactAbandoned.class, "io.switchboard.contact.abandoned.v1", Topics.ROUTING),
    CONTACT_TRANSFERRED(ContactTransferred.class, "io.switchboard.contact.transferred.v1", Topics.ROUTING),
    QUEUE_STATS(QueueStatsReported.class, "io.switchboard.queue.stats.v1", Topics.ROUTING),
    AGENT_STATE_CHANGED(AgentStateChanged.class, "io.switchboard.agent.state.changed.v1", Topics.AGENTS),
    OFFER_ANSWERED(OfferAnswered.class, "io.switchboard.agent.offer.answered.v1", Topics.AGENTS),
    TRANSFER_REQUESTED(TransferRequested.class, "io.switchboard.agent.transfer.requested.v1", Topics.AGENTS),
    WRAP_UP_COMPLETED(WrapUpCompleted.class, "io.switchboard.agent.wrapup.completed.v1", Topics.AGENTS),
    TENANT_CONFIGURED(TenantConfigured.class, "io.switchboard.config.tenant.v1", Topics.CONFIG),
    QUEUE_CONFIGURED(QueueConfigured.class, "io.switchboard.config.queue.v1", Topics.CONFIG),
    AGENT_CONFIGURED(AgentConfigured.class, "io.switchboard.config.agent.v1", Topics.CONFIG),
    PROMPT_CONFIGURED(PromptConfigured.class, "io.switchboard.config.prompt.v1", Topics.CONFIG),
    PHONE_CREDENTIALS_CONFIGURED(PhoneCredentialsConfigured.class, "io.switchboard.config.phone.credentials.v1", Topics.PHONE_CREDENTIALS),
    CUSTOMER_UPDATED(CustomerUpdated.class, "io.switchboard.customer.updated.v1", Topics.CUSTOMERS),
    CUSTOMER_MERGED(CustomerMerged.class, "io.switchboard.customer.merged.v1", Topics.CUSTOMERS),
    CUSTOMER_UNMERGED(CustomerUnmerged.class, "io.switchboard.customer.unmerged.v1", Topics.CUSTOMERS),
    OPT_OUT_CHANGED(OptOutChanged.class, "io.switchboard.consent.optout.changed.v1", Topics.CONSENT);

    private static final Map<String, EventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    private final Class<? extends SwitchboardEvent> recordClass;
    private final String type;
    private final String topic;

    EventType(Class<? extends SwitchboardEvent> recordClass, String type, String topic) {
        this.recordClass = recordClass;
        this.type = type;
        this.topic = topic;
    }

    public Class<? extends SwitchboardEvent> recordClass() {
        return recordClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    /** The one topic of this type; a reply has one per channel, see {@link #topics()} and {@link #topicOf}. */
    public String topic() {
        if (topic == null) {
            throw new IllegalStateException(type + " goes to its channel's outbound topic: use EventType.topicOf(event)");
        }
        return topic;
    }

    /** Every topic this type is published on. */
    public List<String> topics() {
        return topic != null ? List.of(topic) : Arrays.stream(Channel.values()).map(Topics::outbound).toList();
    }

    /** The topic this event is published on. */
    public static String topicOf(SwitchboardEvent event) {
        return event instanceof ReplyRequested reply ? Topics.outbound(reply.channel()) : of(event).topic();
    }

    public static EventType of(SwitchboardEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    public static Optional<EventType> ofType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
