package io.switchboard.voice.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.switchboard.events.CallAttemptCompleted;
import io.switchboard.events.CampaignCallRequested;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.Direction;
import io.switchboard.events.EventType;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TransferRequested;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.AddressKind;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.messaging.OutgoingEvents;
import io.switchboard.service.messaging.PublishFailedException;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CampaignAttempt;
import io.switchboard.voice.domain.CampaignOutcome;
import io.switchboard.voice.domain.VoiceDirectory;
import io.switchboard.voice.domain.port.ContactEvents;

/**
 * What a call tells the platform: the contact (a caller's, an agent's own outbound call, a campaign's
 * answered call), the agent phone's answer to an offer, the end with its durations, and a campaign
 * attempt's result.
 */
@ApplicationScoped
public class CallEvents implements ContactEvents {

    public static final URI SOURCE = URI.create("/channels/voice");

    private final MutinyEmitter<byte[]> events;
    private final Duration timeout;
    private final VoiceDirectory directory;
    private final BrokerProbe broker;

    public CallEvents(@Channel("events-out") MutinyEmitter<byte[]> events, VoiceConfig config, VoiceDirectory directory,
            BrokerProbe broker) {
        this.events = events;
        this.timeout = config.publishTimeout();
        this.directory = directory;
        this.broker = broker;
    }

    /**
     * The caller chose (or the IVR chose for them): a contact in the queue of that entry point, or in
     * the queue chosen in the tenant's menu ({@code metadata.queueId}).
     */
    @Override
    public void created(Call call) {
        String region = directory.region(call.tenantId).orElse(null);
        publish(new ContactCreated(id("created:" + call.contactId), call.tenantId, now(), call.contactId,
                io.switchboard.events.Channel.VOICE, Direction.INBOUND, call.entryPoint, phone(call.caller, region),
                phone(call.did, null), Map.of(), null, null, List.of(), null, 0, metadata(call)));
    }

    private static Map<String, String> metadata(Call call) {
        Map<String, String> metadata = new HashMap<>(Map.of("callId", call.callerCallId, "did", call.did, "ivrPath", call.ivrPath));
        if (call.chosenQueue != null) {
            metadata.put(ContactCreated.CHOSEN_QUEUE, call.chosenQueue);
        }
        return metadata;
    }

    /**
     * An agent's own call (click-to-call), or a campaign's preview call: an OUTBOUND contact from the tenant's
     * number to the customer, theirs from the start (a preview call also carries the campaign's metadata).
     */
    @Override
    public void placed(Call call, String agentId, Address customer) {
        Map<String, String> metadata = new HashMap<>(Map.of("callId", call.callerCallId, "did", call.did, ContactCreated.PLACED_BY, agentId));
        if (call.campaign != null) {
            metadata.putAll(campaignMetadata(call.campaign));
        }
        publish(new ContactCreated(id("created:" + call.contactId), call.tenantId, now(), call.contactId,
                io.switchboard.events.Channel.VOICE, Direction.OUTBOUND, call.entryPoint, phone(call.did, null), customer, Map.of(), null,
                null, List.of(), null, 0, metadata));
    }

    /**
     * A person answered a campaign's predictive call: an OUTBOUND contact from the customer to the DID in the
     * campaign's queue ({@code queueId}, which routing takes), with the campaign, the record and its fields.
     */
    @Override
    public void campaignAnswered(Call call) {
        Map<String, String> metadata = new HashMap<>(Map.of("callId", call.callerCallId, "did", call.did));
        metadata.putAll(campaignMetadata(call.campaign));
        publish(new ContactCreated(id("created:" + call.contactId), call.tenantId, now(), call.contactId,
                io.switchboard.events.Channel.VOICE, Direction.OUTBOUND, call.entryPoint, phone(call.caller, null), phone(call.did, null),
                Map.of(), null, null, List.of(), null, 0, metadata));
    }

    private static Map<String, String> campaignMetadata(CampaignAttempt campaign) {
        Map<String, String> metadata = new HashMap<>();
        campaign.record().forEach((name, value) -> metadata.put(CampaignCallRequested.RECORD_FIELD_PREFIX + name, value));
        metadata.put(CampaignCallRequested.CAMPAIGN_ID, campaign.campaignId());
        metadata.put(CampaignCallRequested.RECORD_ID, campaign.recordId());
        metadata.put(ContactCreated.CHOSEN_QUEUE, campaign.queueId());
        return metadata;
    }

    /** A campaign attempt's result; its id is the attempt's (one result per attempt), so a repeat is the same event. */
    @Override
    public void attemptCompleted(CampaignOutcome outcome) {
        CampaignAttempt attempt = outcome.attempt();
        publish(new CallAttemptCompleted(id("attempt:" + attempt.contactId()), attempt.tenantId(), outcome.at().truncatedTo(ChronoUnit.MILLIS),
                attempt.contactId(), attempt.campaignId(), attempt.recordId(), outcome.result(),
                outcome.answeredAt() == null ? null : outcome.answeredAt().truncatedTo(ChronoUnit.MILLIS), outcome.detail(), outcome.answers()));
    }

    /** The agent's phone answered (accepted) or refused, rang out or is not registered (declined). */
    @Override
    public void answered(Call call, String agentId, String offerId, boolean accepted) {
        publish(new OfferAnswered(UUID.randomUUID(), call.tenantId, now(), agentId, call.contactId, offerId,
                accepted ? OfferAnswered.Answer.ACCEPTED : OfferAnswered.Answer.DECLINED));
    }

    /** The agent's phone asked to move the call (REFER): the same request the inbox makes, for routing to decide. */
    @Override
    public void transferRequested(Call call, String toQueueId, String toAgentId) {
        publish(new TransferRequested(UUID.randomUUID(), call.tenantId, now(), call.agentId, call.contactId, toQueueId, toAgentId,
                "transferred from the phone"));
    }

    /**
     * The caller's score in the survey after the call: the contract's CSAT answer, in the VOICE channel.
     * The id is the contact's (one survey per contact), so a repeat is the same event.
     */
    @Override
    public void surveyAnswered(Call call, int score, Instant at) {
        publish(new ContactSurveyAnswered(id("survey:" + call.contactId), call.tenantId, at.truncatedTo(ChronoUnit.MILLIS), call.contactId,
                io.switchboard.events.Channel.VOICE, score, null));
    }

    /** The contact ended at {@code end} while the call may go on (transferred out of the center). */
    @Override
    public void ended(Call call, ContactEnded.Reason reason, Instant end) {
        Long ring = call.offeredAt == null ? null
                : Duration.between(call.offeredAt, call.answeredAt != null ? call.answeredAt : end).toSeconds();
        Long queue = call.queuedAt == null ? null
                : Duration.between(call.queuedAt, call.answeredAt != null ? call.answeredAt : end).toSeconds();
        Long talk = call.answeredAt == null ? 0L : Duration.between(call.answeredAt, end).toSeconds();
        publish(new ContactEnded(id("ended:" + call.contactId), call.tenantId, end.truncatedTo(ChronoUnit.MILLIS), call.contactId,
                io.switchboard.events.Channel.VOICE, reason, null, ring, queue, talk, call.holdSeconds(end)));
    }

    /** A contact whose call a crash cut off (found in the journal at start-up): ended, with nothing measured. */
    public void endedAfterRestart(String contactId, String tenantId) {
        publish(new ContactEnded(id("ended:" + contactId), tenantId, now(), contactId, io.switchboard.events.Channel.VOICE,
                ContactEnded.Reason.ERROR, null, null, null, null, null));
    }

    private void publish(SwitchboardEvent event) {
        try {
            OutgoingEvents.sendAll(events, List.of(OutgoingEvents.message(OutgoingEvents.encode(event, SOURCE), event.subject(),
                    EventType.topicOf(event))), timeout);
        } catch (PublishFailedException e) {
            broker.refused();
            throw e;
        }
    }

    /**
     * A number in E.164; a withheld or non-numeric caller id, or a number libphonenumber does not know
     * (a test range, a new allocation), is kept as given rather than failing the call.
     */
    private static Address phone(String number, String region) {
        try {
            return Address.phone(number, region);
        } catch (InvalidAddressException withheld) {
            return new Address(AddressKind.PHONE, number == null || number.isBlank() ? "anonymous" : number, null);
        }
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
