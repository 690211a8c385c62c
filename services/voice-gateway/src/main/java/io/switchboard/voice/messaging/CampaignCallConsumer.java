package io.switchboard.voice.messaging;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CampaignCallRequested;
import io.switchboard.service.messaging.Refusals;
import io.switchboard.voice.domain.CallFlow;
import io.switchboard.voice.domain.CampaignAttempt;
import io.switchboard.voice.domain.CampaignCalls;

/**
 * Campaigns' dialling attempts ({@code call.campaign.requested}) on {@code switchboard.outbound.voice.v1}, in
 * one group shared by every instance, so each attempt is placed by one of them; the topic's other commands
 * are for the per-instance group ({@link CallControlConsumer}) and are skipped here.
 */
@ApplicationScoped
public class CampaignCallConsumer {

    private final CampaignCalls campaigns;
    private final Refusals refusals;

    public CampaignCallConsumer(CallFlow calls, Refusals refusals) {
        this.campaigns = calls.campaigns();
        this.refusals = refusals;
    }

    @Incoming("campaign-calls")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        refusals.decode(record, "voice-gateway/CampaignCallConsumer").ifPresent(event -> {
            if (event instanceof CampaignCallRequested request) {
                campaigns.request(attempt(request));
            }
        });
    }

    static CampaignAttempt attempt(CampaignCallRequested request) {
        return new CampaignAttempt(request.eventId(), request.contactId(), request.tenantId(), request.campaignId(), request.recordId(),
                request.attempt(), request.queueId(), request.entryPoint(), request.to().value(), request.agentId(), request.surveyPrompts(),
                Duration.ofSeconds(request.ringSeconds()), Duration.ofSeconds(request.abandonGraceSeconds()), request.record(),
                request.occurredAt());
    }
}
