package io.switchboard.sms.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.webhook.TwilioSignature;
import io.switchboard.service.webhook.WebhookRateLimited;
import io.switchboard.sms.config.SmsConfig;
import io.switchboard.sms.domain.InboundOutcome;
import io.switchboard.sms.domain.InboundService;
import io.switchboard.sms.domain.InboundSms;
import io.switchboard.sms.domain.InvalidSmsException;
import io.switchboard.sms.domain.MediaLink;
import io.switchboard.sms.domain.ReplyService;
import io.switchboard.sms.domain.StoreException;
import io.switchboard.sms.domain.UnavailableException;
import io.switchboard.sms.domain.UnknownNumberException;
import io.switchboard.sms.messaging.TwilioGateway;

/**
 * Twilio's webhooks: an incoming text ({@code /webhooks/twilio/sms}) and a sent text's status
 * ({@code /webhooks/twilio/status}). Authenticated by {@code X-Twilio-Signature} over the configured
 * public URL (never the Host header), not by tokens. 200 means stored and on Kafka.
 */
@Path("/webhooks/twilio")
@WebhookRateLimited
@Blocking
public class TwilioWebhookResource {

    static final String SMS_PATH = "/webhooks/twilio/sms";
    static final String STATUS_PATH = "/webhooks/twilio/status";
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";
    private static final int MAX_MEDIA = 10;
    private static final Logger LOG = Logger.getLogger(TwilioWebhookResource.class);

    private final InboundService inbound;
    private final ReplyService replies;
    private final SmsConfig config;
    private final MeterRegistry metrics;

    public TwilioWebhookResource(InboundService inbound, ReplyService replies, SmsConfig config, MeterRegistry metrics) {
        this.inbound = inbound;
        this.replies = replies;
        this.config = config;
        this.metrics = metrics;
    }

    @POST
    @Path("sms")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.TEXT_XML, "application/problem+json"})
    public Response sms(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        Map<String, List<String>> form = verified(body, contentType, signature, uri, SMS_PATH);
        String sid = WebhookRequest.one(form, "MessageSid") != null ? WebhookRequest.one(form, "MessageSid")
                : WebhookRequest.required(form, "SmsSid");
        InboundSms sms = new InboundSms(TwilioGateway.PROVIDER, sid, WebhookRequest.required(form, "From"),
                WebhookRequest.required(form, "To"), WebhookRequest.one(form, "Body"), media(form));
        try {
            InboundOutcome outcome = inbound.receive(sms);
            LOG.debugf("twilio %s: %s (contact %s)", sid, outcome.kind(), outcome.contactId());
            return twiml();
        } catch (InvalidSmsException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (UnknownNumberException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (UnavailableException e) {
            LOG.warnf("twilio %s not taken now: %s", sid, e.getMessage());
            throw new ProblemException(503, "Service Unavailable", e.getMessage());
        }
    }

    @POST
    @Path("status")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.TEXT_XML, "application/problem+json"})
    public Response status(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("X-Twilio-Signature") String signature, @Context UriInfo uri) {
        Map<String, List<String>> form = verified(body, contentType, signature, uri, STATUS_PATH);
        String sid = WebhookRequest.one(form, "MessageSid") != null ? WebhookRequest.one(form, "MessageSid")
                : WebhookRequest.required(form, "SmsSid");
        String status = WebhookRequest.one(form, "MessageStatus") != null ? WebhookRequest.one(form, "MessageStatus")
                : WebhookRequest.required(form, "SmsStatus");
        try {
            if (!replies.statusReported(TwilioGateway.PROVIDER, sid, status, WebhookRequest.one(form, "ErrorCode"),
                    WebhookRequest.one(form, "ErrorMessage"))) {
                LOG.infof("twilio status %s for %s: not a text this channel sent; ignored", status, sid);
            }
            return twiml();
        } catch (StoreException | UnavailableException e) {
            LOG.warnf("twilio status %s for %s not taken now: %s", status, sid, e.getMessage());
            throw new ProblemException(503, "Service Unavailable", e.getMessage());
        }
    }

    private Map<String, List<String>> verified(byte[] body, String contentType, String signature, UriInfo uri, String path) {
        Map<String, List<String>> form = WebhookRequest.form(body, contentType, config.maxBodyBytes());
        String query = uri.getRequestUri().getRawQuery();
        String url = config.publicUrl().replaceAll("/+$", "") + path + (query == null ? "" : "?" + query);
        if (signature == null || signature.isBlank()) {
            LOG.warnf("twilio webhook %s without X-Twilio-Signature refused", path);
            throw WebhookRequest.rejected(metrics, TwilioGateway.PROVIDER, "missing");
        }
        if (!TwilioSignature.valid(config.twilio().authToken(), url, form, signature)) {
            LOG.warnf("twilio webhook %s with a signature that does not match %s refused", path, url);
            throw WebhookRequest.rejected(metrics, TwilioGateway.PROVIDER, "invalid");
        }
        return form;
    }

    private static List<MediaLink> media(Map<String, List<String>> form) {
        String declared = WebhookRequest.one(form, "NumMedia");
        int count;
        try {
            count = declared == null || declared.isBlank() ? 0 : Integer.parseInt(declared.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("NumMedia is not a number: " + declared);
        }
        if (count < 0 || count > MAX_MEDIA) {
            throw ProblemException.badRequest("NumMedia must be between 0 and " + MAX_MEDIA + ", not " + count);
        }
        List<MediaLink> links = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            links.add(new MediaLink(WebhookRequest.required(form, "MediaUrl" + i), WebhookRequest.one(form, "MediaContentType" + i)));
        }
        return links;
    }

    private static Response twiml() {
        return Response.ok(EMPTY_TWIML, MediaType.TEXT_XML_TYPE.withCharset("UTF-8")).build();
    }
}
