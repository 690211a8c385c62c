package io.switchboard.desktop.domain;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.desktop.config.DesktopConfig;
import io.switchboard.desktop.messaging.CommandPublisher;
import io.switchboard.desktop.persistence.DesktopStore;
import io.switchboard.events.CallDialRequested;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.api.ProblemException;

/**
 * Click-to-call: an agent asks for a call to a customer. The voice gateway rings the agent's phone,
 * then the customer, and publishes the contact (OUTBOUND) under the id chosen here; routing assigns
 * it to the agent, so it reaches their inbox like any contact they hold.
 */
@ApplicationScoped
public class OutboundCalls {

    private final DesktopStore store;
    private final CommandPublisher publisher;
    private final DesktopConfig config;
    private final Clock clock = Clock.systemUTC();

    public OutboundCalls(DesktopStore store, CommandPublisher publisher, DesktopConfig config) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
    }

    /** Publishes the dial request and returns the id the call's contact will have, once the broker has it. */
    public String place(Viewer viewer, String tenantId, String to, String from) throws SQLException {
        String tenant = tenantOf(viewer, tenantId);
        // Routing assigns an agent's call only to an agent configured in its tenant; anyone else's would be dead-lettered.
        if (!store.tenantsOf(viewer.agentId()).contains(tenant)) {
            throw new ProblemException(403, "Forbidden", viewer.agentId() + " is not configured as an agent of tenant " + tenant
                    + ": only its agents place calls");
        }
        DialPlan plan = store.dialPlan(tenant).orElseGet(() -> new DialPlan(tenant, null, List.of()));
        Address customer = customerNumber(plan, to);
        if (plan.callerIds().isEmpty()) {
            throw ProblemException.conflict("tenant " + tenant + " has no voice number to call from");
        }
        String callerId = plan.callerId(from).orElseThrow(() -> ProblemException.badRequest(
                "from " + from + " is not a voice number of tenant " + tenant + "; choose one of " + plan.callerIds()));
        if (store.holdsOpenCall(viewer.agentId())) {
            throw ProblemException.conflict(viewer.agentId() + " is already on a call: end it before placing another");
        }
        String contactId = UUID.randomUUID().toString();
        publisher.publish(new CallDialRequested(UUID.randomUUID(), tenant, now(), contactId, viewer.agentId(), callerId, customer),
                config.publishTimeout());
        return contactId;
    }

    /** The tenant named, or the only one the caller serves; another tenant is a 404 like anything else of it. */
    private static String tenantOf(Viewer viewer, String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            if (viewer.tenants().size() != 1) {
                throw ProblemException.badRequest("you serve " + viewer.tenants().stream().sorted().toList()
                        + ": name the tenantId to call for");
            }
            return viewer.tenants().iterator().next();
        }
        if (!viewer.serves(tenantId)) {
            throw ProblemException.notFound("no tenant " + tenantId + " for you");
        }
        return tenantId;
    }

    private static Address customerNumber(DialPlan plan, String to) {
        if (to == null || to.isBlank()) {
            throw ProblemException.badRequest("name the number to call in to");
        }
        try {
            return plan.customerNumber(to);
        } catch (InvalidAddressException invalid) {
            throw ProblemException.badRequest("cannot call " + to + ": " + invalid.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
