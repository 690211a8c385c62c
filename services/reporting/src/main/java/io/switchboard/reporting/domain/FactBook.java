package io.switchboard.reporting.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactSurveyAnswered;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.CustomerMerged;
import io.switchboard.events.CustomerUpdated;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.events.address.Address;

/**
 * Every fact in memory and every figure computed from all of them at once: the definition the
 * database-backed pipeline (which recomputes only the intervals an event touches) must agree with.
 * The unit tests and the benchmark's checks run it; it is not used to serve reports.
 */
public final class FactBook {

    public record LegId(String tenantId, String contactId, String queueId) {
    }

    public record ContactId(String tenantId, String contactId) {
    }

    public record AgentId(String tenantId, String agentId) {
    }

    public record AgentInterval(String agentId, Instant interval) {
    }

    private record Claim(String customerId, Instant at) {
    }

    private final Set<UUID> seen = new HashSet<>();
    private final Map<LegId, LegFact> legs = new HashMap<>();
    private final Map<ContactId, ContactFact> contacts = new HashMap<>();
    private final Map<List<String>, WrapFact> wraps = new HashMap<>();
    private final Map<AgentId, List<StateChange>> states = new HashMap<>();
    private final Map<List<String>, QueueConfigured> queues = new HashMap<>();
    private final Map<List<String>, Claim> identities = new HashMap<>();
    private final Map<String, Map<String, String>> merges = new HashMap<>();

    /** Applies an event once; false for an event id seen before. Events reporting does not use are ignored. */
    public boolean apply(SwitchboardEvent event) {
        if (!seen.add(event.eventId())) {
            return false;
        }
        if (event instanceof ContactQueued e) {
            putLeg(FactMerge.queued(leg(e.tenantId(), e.contactId(), e.queueId()), e));
        } else if (event instanceof ContactAssigned e) {
            putLeg(FactMerge.assigned(leg(e.tenantId(), e.contactId(), e.queueId()), e));
        } else if (event instanceof ContactAbandoned e && e.queueId() != null) {
            putLeg(FactMerge.abandoned(leg(e.tenantId(), e.contactId(), e.queueId()), e));
        } else if (event instanceof ContactTransferred e && e.fromQueueId() != null) {
            putLeg(FactMerge.transferredOut(leg(e.tenantId(), e.contactId(), e.fromQueueId()), e));
        } else if (event instanceof ContactCreated e) {
            contacts.put(new ContactId(e.tenantId(), e.contactId()), FactMerge.created(contact(e.tenantId(), e.contactId()), e));
        } else if (event instanceof ContactEnded e) {
            contacts.put(new ContactId(e.tenantId(), e.contactId()), FactMerge.ended(contact(e.tenantId(), e.contactId()), e));
        } else if (event instanceof ContactSurveyAnswered e) {
            contacts.put(new ContactId(e.tenantId(), e.contactId()),
                    FactMerge.surveyAnswered(contact(e.tenantId(), e.contactId()), e));
        } else if (event instanceof WrapUpCompleted e) {
            List<String> id = List.of(e.tenantId(), e.contactId(), e.agentId());
            wraps.put(id, FactMerge.wrapUp(wraps.get(id), e));
        } else if (event instanceof AgentStateChanged e) {
            states.computeIfAbsent(new AgentId(e.tenantId(), e.agentId()), k -> new ArrayList<>()).add(StateChange.of(e));
        } else if (event instanceof QueueConfigured e) {
            queues.merge(List.of(e.tenantId(), e.queueId()), e, Queues::latest);
        } else if (event instanceof CustomerUpdated e) {
            for (Address address : e.identities()) {
                identities.merge(List.of(e.tenantId(), CustomerKeys.of(address)), new Claim(e.customerId(), e.occurredAt()),
                        FactBook::later);
            }
        } else if (event instanceof CustomerMerged e) {
            merges.computeIfAbsent(e.tenantId(), k -> new HashMap<>()).put(e.mergedCustomerId(), e.customerId());
        }
        return true;
    }

    /** Every tenant's contact figures per queue, agent and channel and interval. */
    public Map<String, Map<FigureKey, Figures>> figures() {
        Map<String, List<LegReport>> byTenant = new HashMap<>();
        reports().forEach(r -> byTenant.computeIfAbsent(r.leg().tenantId(), k -> new ArrayList<>()).add(r));
        Map<String, Map<FigureKey, Figures>> result = new HashMap<>();
        byTenant.forEach((tenant, reports) -> result.put(tenant, FigureCalculator.aggregate(reports)));
        return result;
    }

    /** Every tenant's agent time per agent and interval (non-zero rows only). */
    public Map<String, Map<AgentInterval, AgentTimeFigures>> agentTime() {
        Map<AgentId, List<BusyPeriod>> busy = new HashMap<>();
        for (LegReport report : reports()) {
            if (report.leg().answered()) {
                busy.computeIfAbsent(new AgentId(report.leg().tenantId(), report.leg().agentId()), k -> new ArrayList<>())
                        .addAll(BusyPeriod.of(report));
            }
        }
        Map<String, Map<AgentInterval, AgentTimeFigures>> result = new HashMap<>();
        states.forEach((agent, changes) -> {
            List<StateChange> sorted = changes.stream().sorted(StateChange.ORDER).toList();
            Instant from = Intervals.floor(sorted.get(0).at());
            Instant to = Intervals.ceil(sorted.get(sorted.size() - 1).at());
            AgentTime.intervals(sorted, busy.getOrDefault(agent, List.of()), from, to).forEach((interval, figures) -> {
                if (!figures.isZero()) {
                    result.computeIfAbsent(agent.tenantId(), k -> new HashMap<>())
                            .put(new AgentInterval(agent.agentId(), interval), figures);
                }
            });
        });
        return result;
    }

    List<LegReport> reports() {
        Map<ContactId, String> customerKeys = new HashMap<>();
        Map<String, List<ContactFact>> byCustomer = new HashMap<>();
        contacts.forEach((id, contact) -> {
            String key = customerKey(contact);
            customerKeys.put(id, key);
            if (key != null && contact.createdAt() != null) {
                byCustomer.computeIfAbsent(id.tenantId() + "|" + key, k -> new ArrayList<>()).add(contact);
            }
        });
        List<LegReport> reports = new ArrayList<>(legs.size());
        for (LegFact leg : legs.values()) {
            ContactId contactId = new ContactId(leg.tenantId(), leg.contactId());
            ContactFact contact = contacts.get(contactId);
            boolean cameBack = false;
            if (contact != null && contact.createdAt() != null && customerKeys.get(contactId) != null) {
                cameBack = byCustomer.get(leg.tenantId() + "|" + customerKeys.get(contactId)).stream()
                        .anyMatch(o -> FirstContactResolution.comesBack(contact, o.contactId(), o.createdAt()));
            }
            WrapFact wrap = leg.agentId() == null ? null : wraps.get(List.of(leg.tenantId(), leg.contactId(), leg.agentId()));
            QueueConfigured queue = queues.get(List.of(leg.tenantId(), leg.queueId()));
            reports.add(new LegReport(leg, contact == null ? null : contact.withCustomerKey(customerKeys.get(contactId)),
                    wrap == null ? null : wrap.completedAt(), Queues.thresholdSeconds(queue), cameBack));
        }
        reports.sort(Comparator.comparing((LegReport r) -> r.leg().contactId()).thenComparing(r -> r.leg().queueId()));
        return reports;
    }

    private String customerKey(ContactFact contact) {
        Map<String, String> ofAddress = new HashMap<>();
        if (contact.fromKey() != null) {
            Claim claim = identities.get(List.of(contact.tenantId(), contact.fromKey()));
            if (claim != null) {
                ofAddress.put(contact.fromKey(), claim.customerId());
            }
        }
        return CustomerKeys.resolve(contact.fromKey(), ofAddress, merges.getOrDefault(contact.tenantId(), Map.of()));
    }

    private static Claim later(Claim a, Claim b) {
        int order = a.at().compareTo(b.at());
        if (order == 0) {
            order = a.customerId().compareTo(b.customerId());
        }
        return order >= 0 ? a : b;
    }

    private LegFact leg(String tenant, String contact, String queue) {
        return legs.getOrDefault(legId(tenant, contact, queue), LegFact.empty(tenant, contact, queue));
    }

    private ContactFact contact(String tenant, String contact) {
        return contacts.getOrDefault(new ContactId(tenant, contact), ContactFact.empty(tenant, contact));
    }

    private void putLeg(LegFact leg) {
        legs.put(legId(leg.tenantId(), leg.contactId(), leg.queueId()), leg);
    }

    private static LegId legId(String tenant, String contact, String queue) {
        return new LegId(tenant, contact, queue);
    }
}
