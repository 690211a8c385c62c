package io.switchboard.desktop.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.switchboard.desktop.domain.AgentActions;
import io.switchboard.desktop.domain.ContactSummary;
import io.switchboard.desktop.domain.CustomerAddress;
import io.switchboard.desktop.domain.InboxStore;

/**
 * The customer panel of a conversation: who the customer is and their recent history on every
 * channel, from customer360. When customer360 is down or does not know them yet the panel says so
 * and the conversation still works.
 */
@Path("/contacts/{id}/customer")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "supervisor", "admin"})
@Blocking
public class CustomerPanelResource {

    private static final Logger LOG = Logger.getLogger(CustomerPanelResource.class);
    /** The contact's address kinds as customer360 names identifiers. */
    private static final Map<String, String> KINDS = Map.of("EMAIL", "email", "PHONE", "phone", "CHAT_VISITOR", "chat");

    private final SecurityIdentity identity;
    private final AgentActions actions;
    private final InboxStore store;
    private final Customer360Client customers;

    public CustomerPanelResource(SecurityIdentity identity, AgentActions actions, InboxStore store,
            @RestClient Customer360Client customers) {
        this.identity = identity;
        this.actions = actions;
        this.store = store;
        this.customers = customers;
    }

    public record Panel(String status, JsonNode customer, JsonNode timeline, String detail) {
    }

    @GET
    public Panel panel(@PathParam("id") String contactId) {
        ContactSummary contact = actions.visible(Viewers.of(identity), contactId);
        CustomerAddress address = store.customerAddress(contactId).orElseThrow();
        String kind = "SOCIAL".equals(address.kind()) && address.platform() != null ? address.platform().toLowerCase(java.util.Locale.ROOT)
                : address.kind() == null ? null : KINDS.get(address.kind());
        if (kind == null) {
            return new Panel("unknown", null, null, "customer360 cannot look up this kind of address");
        }
        String bearer = "Bearer " + ((JsonWebToken) identity.getPrincipal()).getRawToken();
        try {
            List<JsonNode> found = customers.byIdentifier(bearer, kind + ":" + address.value(), contact.tenantId());
            if (found.isEmpty()) {
                return new Panel("unknown", null, null, "customer360 does not know " + address.value() + " yet");
            }
            JsonNode customer = found.get(0);
            JsonNode timeline = customers.timeline(bearer, customer.get("id").asText(), 20);
            return new Panel("found", customer, timeline.get("items"), null);
        } catch (RuntimeException unavailable) {
            LOG.debugf(unavailable, "customer360 did not answer for contact %s", contactId);
            return new Panel("unavailable", null, null, "customer360 is not answering: " + unavailable.getMessage());
        }
    }
}
