package io.switchboard.social.api;

import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.service.webhook.WebhookRateLimited;
import io.switchboard.social.config.SocialConfig;
import io.switchboard.social.config.TelegramBots;
import io.switchboard.social.domain.BadPayloadException;
import io.switchboard.social.domain.InboundProcessor;
import io.switchboard.social.domain.Signatures;
import io.switchboard.social.domain.TelegramPayloads;
import io.switchboard.social.domain.UnavailableException;

/**
 * A Telegram bot's webhook (setWebhook with {@code secret_token}): the X-Telegram-Bot-Api-Secret-Token
 * header must equal the bot's configured secret (compared in constant time); an unknown bot gets the
 * same 403, so the endpoint does not tell which bots exist.
 */
@Path("/webhooks/telegram/{bot}")
@WebhookRateLimited
public class TelegramWebhookResource {

    private static final Logger LOG = Logger.getLogger(TelegramWebhookResource.class);

    private final SocialConfig config;
    private final TelegramBots bots;
    private final InboundProcessor processor;

    public TelegramWebhookResource(SocialConfig config, TelegramBots bots, InboundProcessor processor) {
        this.config = config;
        this.bots = bots;
        this.processor = processor;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, "application/problem+json"})
    @Blocking
    public Response receive(@PathParam("bot") String bot, byte[] body,
            @HeaderParam("X-Telegram-Bot-Api-Secret-Token") String secret) {
        String path = "/webhooks/telegram/" + bot;
        if (body == null) {
            body = new byte[0];
        }
        if (body.length > config.maxBodyBytes()) {
            return WebhookResponses.problem(413, "Content Too Large",
                    "the body has " + body.length + " bytes; at most " + config.maxBodyBytes() + " are accepted", path);
        }
        Optional<TelegramBots.Bot> configured = bots.bot(bot);
        if (configured.isEmpty() || !Signatures.secretTokenMatches(configured.get().secret(), secret)) {
            LOG.warnf("Telegram webhook for bot %s refused: %s", bot, configured.isEmpty() ? "no such bot" : "wrong secret token");
            return WebhookResponses.problem(403, "Forbidden",
                    "X-Telegram-Bot-Api-Secret-Token is missing or does not match this bot's secret", path);
        }
        try {
            return WebhookResponses.ok(processor.accept(TelegramPayloads.parse(bot, body)));
        } catch (BadPayloadException e) {
            return WebhookResponses.problem(400, "Bad Request", e.getMessage(), path);
        } catch (UnavailableException e) {
            LOG.warnf("Telegram webhook not accepted now: %s", e.getMessage());
            return WebhookResponses.problem(503, "Service Unavailable", e.getMessage(), path);
        }
    }
}
