package io.switchboard.desktop.api;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.config.DesktopConfig;
import io.switchboard.desktop.domain.AgentActions;
import io.switchboard.desktop.domain.ContactSummary;

/**
 * Whether the agent may reply to a contact now, asked before they type: an SMS number that opted out,
 * or a WhatsApp conversation whose 24-hour window closed (then with the tenant's templates). The
 * channel decides and enforces it again when the reply arrives; this only lets the inbox say so first.
 * Channels without such rules always allow a reply. A channel that does not answer leaves the reply
 * allowed, with a note: the channel still refuses what it must.
 */
@Path("/contacts/{id}/reply-policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class ReplyPolicyResource {

    private static final Logger LOG = Logger.getLogger(ReplyPolicyResource.class);

    /** What the inbox shows above the composer; the channel's fields as it answered them. */
    public record ReplyPolicy(String contactId, String channel, String platform, boolean canReply, String reason,
            String windowClosesAt, List<JsonNode> templates, String status) {
    }

    private final SecurityIdentity identity;
    private final AgentActions actions;
    private final ChannelPolicyClient sms;
    private final ChannelPolicyClient social;

    public ReplyPolicyResource(SecurityIdentity identity, AgentActions actions, DesktopConfig config) {
        this.identity = identity;
        this.actions = actions;
        this.sms = client(config.smsChannelUrl());
        this.social = client(config.socialChannelUrl());
    }

    @GET
    public ReplyPolicy policy(@PathParam("id") String contactId) {
        ContactSummary contact = actions.visible(Viewers.of(identity), contactId);
        ChannelPolicyClient channel = "SMS".equals(contact.channel()) ? sms : "SOCIAL".equals(contact.channel()) ? social : null;
        if (channel == null) {
            return new ReplyPolicy(contactId, contact.channel(), contact.platform(), true, null, null, List.of(), "open");
        }
        String bearer = "Bearer " + ((JsonWebToken) identity.getPrincipal()).getRawToken();
        try {
            JsonNode answer = channel.replyPolicy(bearer, contactId);
            return new ReplyPolicy(contactId, contact.channel(), text(answer, "platform", contact.platform()),
                    !answer.hasNonNull("canReply") || answer.get("canReply").asBoolean(), text(answer, "reason", null),
                    text(answer, "windowClosesAt", null), templates(answer), "checked");
        } catch (WebApplicationException | jakarta.ws.rs.ProcessingException unavailable) {
            LOG.debugf(unavailable, "the %s channel did not answer the reply policy of %s", contact.channel(), contactId);
            return new ReplyPolicy(contactId, contact.channel(), contact.platform(), true,
                    "the " + contact.channel().toLowerCase() + " channel could not be asked whether a reply is allowed; it will refuse"
                            + " one that is not", null, List.of(), "unavailable");
        }
    }

    private static List<JsonNode> templates(JsonNode answer) {
        JsonNode templates = answer.get("templates");
        return templates == null || !templates.isArray() ? List.of() : java.util.stream.StreamSupport.stream(templates.spliterator(), false)
                .toList();
    }

    private static String text(JsonNode node, String field, String otherwise) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? otherwise : value.asText();
    }

    private static ChannelPolicyClient client(String baseUrl) {
        return RestClientBuilder.newBuilder().baseUri(URI.create(baseUrl))
                .connectTimeout(2, java.util.concurrent.TimeUnit.SECONDS)
                .readTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .build(ChannelPolicyClient.class);
    }
}
