package io.switchboard.sms.domain;

import java.time.Clock;
import java.util.Optional;

/**
 * The channel's own answers to compliance keywords (the opt-out and opt-in confirmations, the HELP
 * text), sent through the provider after the keyword was stored and acknowledged. Each is keyed by the
 * inbound text ({@code auto:<sms id>}), so a retried keyword is never answered twice.
 */
public class AutoReplies {

    private static final System.Logger LOG = System.getLogger(AutoReplies.class.getName());

    private final SmsStore store;
    private final SmsGateway gateway;
    private final SmsRules rules;
    private final Clock clock;

    public AutoReplies(SmsStore store, SmsGateway gateway, SmsRules rules, Clock clock) {
        this.store = store;
        this.gateway = gateway;
        this.rules = rules;
        this.clock = clock;
    }

    public void send(String requestId, NumberRoute route, String customer, String contactId, String text) {
        try {
            if (store.outbound(requestId).isPresent()) {
                return;
            }
            Segments segments = SegmentCounter.count(text);
            OutgoingSms sms = new OutgoingSms(route.tenantId(), route.number(), customer, text, segments);
            OutboundRecord record;
            try {
                SmsGateway.Sent sent = Retry.send(gateway, sms, rules, requestId);
                record = new OutboundRecord(requestId, route.tenantId(), contactId, null, sent.provider(), sent.providerMessageId(),
                        route.number(), customer, text, segments.segments(), segments.encoding().name(), true, null, false,
                        clock.instant(), null);
            } catch (GatewayException refused) {
                record = new OutboundRecord(requestId, route.tenantId(), contactId, null, null, null, route.number(), customer, text,
                        segments.segments(), segments.encoding().name(), false, refused.getMessage(), refused.permanent(),
                        clock.instant(), null);
            }
            store.saveOutbound(record);
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.WARNING, "automatic answer {0} not recorded: {1}", requestId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "automatic answer " + requestId + " failed", e);
        }
    }

    /** For tests and the status callback: the automatic answer to an inbound text, if one was sent. */
    public Optional<OutboundRecord> sentFor(String smsId) throws StoreException {
        return store.outbound("auto:" + smsId);
    }
}
