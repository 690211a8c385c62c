package io.switchboard.social.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.service.webhook.WebhookRateLimited;
import io.switchboard.social.config.SocialConfig;
import io.switchboard.social.domain.BadPayloadException;
import io.switchboard.social.domain.InboundProcessor;
import io.switchboard.social.domain.MetaPayloads;
import io.switchboard.social.domain.Signatures;
import io.switchboard.social.domain.UnavailableException;

/**
 * Meta's webhook for WhatsApp, Messenger and Instagram. The subscription handshake answers the
 * challenge when the verify token matches; a delivery is checked against X-Hub-Signature-256 over its
 * raw bytes before anything is parsed, and is answered 200 only once Kafka acknowledged its events.
 */
@Path("/webhooks/meta")
@WebhookRateLimited
public class MetaWebhookResource {

    private static final Logger LOG = Logger.getLogger(MetaWebhookResource.class);
    private static final String PATH = "/webhooks/meta";

    private final SocialConfig config;
    private final InboundProcessor processor;

    public MetaWebhookResource(SocialConfig config, InboundProcessor processor) {
        this.config = config;
        this.processor = processor;
    }

    @GET
    @Produces({MediaType.TEXT_PLAIN, "application/problem+json"})
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        if ("subscribe".equals(mode) && challenge != null && Signatures.secretTokenMatches(config.meta().verifyToken(), token)) {
            return Response.ok(challenge, MediaType.TEXT_PLAIN).build();
        }
        return WebhookResponses.problem(403, "Forbidden", "hub.mode must be subscribe and hub.verify_token must match", PATH);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Blocking
    public Response receive(byte[] body, @HeaderParam("X-Hub-Signature-256") String signature) {
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > config.maxBodyBytes()) {
            return WebhookResponses.problem(413, "Content Too Large",
                    "the body has " + body.length + " bytes; at most " + config.maxBodyBytes() + " are accepted", PATH);
        }
        if (!Signatures.metaSignatureValid(config.meta().appSecret(), body, signature)) {
            LOG.warnf("Meta webhook with a %s signature refused", signature == null ? "missing" : "wrong");
            return WebhookResponses.problem(403, "Forbidden",
                    "X-Hub-Signature-256 is missing or is not the HMAC-SHA256 of the body with the app secret", PATH);
        }
        try {
            return WebhookResponses.ok(processor.accept(MetaPayloads.parse(body)));
        } catch (BadPayloadException e) {
            return WebhookResponses.problem(400, "Bad Request", e.getMessage(), PATH);
        } catch (UnavailableException e) {
            LOG.warnf("Meta webhook not accepted now: %s", e.getMessage());
            return Response.fromResponse(WebhookResponses.problem(503, "Service Unavailable", e.getMessage(), PATH))
                    .header("Retry-After", "5").build();
        }
    }
}
