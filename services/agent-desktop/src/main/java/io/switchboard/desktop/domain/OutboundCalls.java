package io.switchboard.desktop.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.switchboard.events.CallDialRequested;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;

/**
 * Click-to-call: an agent asks for a call to a customer. The voice gateway rings the agent's phone,
 * then the customer, and publishes the contact (OUTBOUND) under the id chosen here; routing assigns
 * it to the agent, so it reaches their inbox like any contact they hold.
 */
public class OutboundCalls {

    private final InboxStore store;
    private final CommandBus publisher;
    private final DesktopSettings settings;
    private final Clock clock = Clock.systemUTC();

    public OutboundCalls(InboxStore store, CommandBus publisher, DesktopSettings settings) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
    }

    /** Publishes the dial request and returns the id the call's contact will have, once the broker has it. */
    public String place(Viewer viewer, String tenantId, String to, String from) {
        String tenant = tenantOf(viewer, tenantId);
        // Routing assigns an agent's call only to an agent configured in its tenant; anyone else's would be dead-lettered.
        if (!store.tenantsOf(viewer.agentId()).contains(tenant)) {
            throw new DesktopException.Forbidden(viewer.agentId() + " is not configured as an agent of tenant " + tenant
                    + ": only its agents place calls");
        }
        DialPlan plan = store.dialPlan(tenant).orElseGet(() -> new DialPlan(tenant, null, List.of()));
        Address customer = customerNumber(plan, to);
        if (plan.callerIds().isEmpty()) {
            throw new DesktopException.Conflict("tenant " + tenant + " has no voice number to call from");
        }
        String callerId = plan.callerId(from).orElseThrow(() -> new DesktopException.Invalid(
                "from " + from + " is not a voice number of tenant " + tenant + "; choose one of " + plan.callerIds()));
        if (store.holdsOpenCall(viewer.agentId())) {
            throw new DesktopException.Conflict(viewer.agentId() + " is already on a call: end it before placing another");
        }
        String contactId = UUID.randomUUID().toString();
        publisher.publish(new CallDialRequested(UUID.randomUUID(), tenant, now(), contactId, viewer.agentId(), callerId, customer),
                settings.publishTimeout());
        return contactId;
    }

    /** The tenant named, or the only one the caller serves; another tenant is a 404 like anything else of it. */
    private static String tenantOf(Viewer viewer, String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            if (viewer.tenants().size() != 1) {
                throw new DesktopException.Invalid("you serve " + viewer.tenants().stream().sorted().toList()
                        + ": name the tenantId to call for");
            }
            return viewer.tenants().iterator().next();
        }
        if (!viewer.serves(tenantId)) {
            throw new DesktopException.NotFound("no tenant " + tenantId + " for you");
        }
        return tenantId;
    }

    private static Address customerNumber(DialPlan plan, String to) {
        if (to == null || to.isBlank()) {
            throw new DesktopException.Invalid("name the number to call in to");
        }
        try {
            return plan.customerNumber(to);
        } catch (InvalidAddressException invalid) {
            throw new DesktopException.Invalid("cannot call " + to + ": " + invalid.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
