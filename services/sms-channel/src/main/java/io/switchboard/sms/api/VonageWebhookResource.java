package io.switchboard.sms.api;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.service.api.ProblemException;
import io.switchboard.service.webhook.WebhookRateLimited;
import io.switchboard.sms.config.SmsConfig;
import io.switchboard.sms.domain.InboundService;
import io.switchboard.sms.domain.InboundSms;
import io.switchboard.sms.domain.InvalidSmsException;
import io.switchboard.sms.domain.ReplyService;
import io.switchboard.sms.domain.StoreException;
import io.switchboard.sms.domain.UnavailableException;
import io.switchboard.sms.domain.UnknownNumberException;
import io.switchboard.sms.domain.VonageSignature;
import io.switchboard.sms.messaging.VonageGateway;

/**
 * Vonage's Messages API webhooks: an inbound text ({@code /webhooks/vonage/inbound}) and a message
 * status ({@code /webhooks/vonage/status}), JSON, signed with a JWT (HS256, the signature secret) whose
 * {@code payload_hash} covers the raw body and whose {@code iat} must be recent. 404 while Vonage is
 * not enabled.
 */
@Path("/webhooks/vonage")
@WebhookRateLimited
@Blocking
public class VonageWebhookResource {

    private static final Logger LOG = Logger.getLogger(VonageWebhookResource.class);

    private final InboundService inbound;
    private final ReplyService replies;
    private final VonageGateway vonage;
    private final SmsConfig config;
    private final MeterRegistry metrics;
    private final ObjectMapper json;

    public VonageWebhookResource(InboundService inbound, ReplyService replies, VonageGateway vonage, SmsConfig config,
            MeterRegistry metrics, ObjectMapper json) {
        this.inbound = inbound;
        this.replies = replies;
        this.vonage = vonage;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
    }

    @POST
    @Path("inbound")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response inbound(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Authorization") String authorization) {
        JsonNode message = verified(body, contentType, authorization);
        String channel = message.path("channel").asText("sms");
        if (!channel.equals("sms")) {
            throw ProblemException.badRequest("channel " + channel + " is not SMS");
        }
        String id = text(message, "message_uuid");
        InboundSms sms = new InboundSms(VonageGateway.PROVIDER, id, plus(text(message, "from")), plus(text(message, "to")),
                message.path("text").isTextual() ? message.get("text").asText() : "", List.of());
        try {
            inbound.receive(sms);
            return Response.ok().build();
        } catch (InvalidSmsException e) {
            throw ProblemException.badRequest(e.getMessage());
        } catch (UnknownNumberException e) {
            throw ProblemException.notFound(e.getMessage());
        } catch (UnavailableException e) {
            throw new ProblemException(503, "Service Unavailable", e.getMessage());
        }
    }

    @POST
    @Path("status")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response status(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Authorization") String authorization) {
        JsonNode status = verified(body, contentType, authorization);
        String id = text(status, "message_uuid");
        String state = text(status, "status");
        JsonNode error = status.path("error");
        String code = error.hasNonNull("title") ? error.get("title").asText() : null;
        String detail = error.hasNonNull("detail") ? error.get("detail").asText() : null;
        try {
            if (!replies.statusReported(VonageGateway.PROVIDER, id, state, code, detail)) {
                LOG.infof("vonage status %s for %s: not a text this channel sent; ignored", state, id);
            }
            return Response.ok().build();
        } catch (StoreException | UnavailableException e) {
            throw new ProblemException(503, "Service Unavailable", e.getMessage());
        }
    }

    private JsonNode verified(byte[] body, String contentType, String authorization) {
        if (!vonage.enabled()) {
            throw ProblemException.notFound("Vonage is not enabled on this service");
        }
        if (body.length > config.maxBodyBytes()) {
            throw new ProblemException(413, "Content Too Large",
                    "the webhook body has " + body.length + " bytes; at most " + config.maxBodyBytes() + " are accepted");
        }
        Optional<String> refused = VonageSignature.check(vonage.signatureSecret(), authorization, body, Instant.now(), vonage.maxAge());
        if (refused.isPresent()) {
            LOG.warnf("vonage webhook refused: signature %s", refused.get());
            throw WebhookRequest.rejected(metrics, VonageGateway.PROVIDER, refused.get());
        }
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(415, "Unsupported Media Type", "the webhook body must be application/json, not " + contentType);
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw ProblemException.badRequest("the webhook body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ProblemException.badRequest("the webhook body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ProblemException.badRequest("the field " + field + " is missing or not a string");
        }
        return value.asText();
    }

    private static String plus(String number) {
        return number.startsWith("+") ? number : "+" + number;
    }
}
