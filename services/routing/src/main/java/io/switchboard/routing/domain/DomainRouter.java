package io.switchboard.routing.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.CampaignCallRequested;
import io.switchboard.events.ConfigEvent;
import io.switchboard.events.ContactAbandoned;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.ContactQueued;
import io.switchboard.events.ContactRejected;
import io.switchboard.events.ContactTransferred;
import io.switchboard.events.Direction;
import io.switchboard.events.OfferAnswered;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.QueueStatsReported;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.TransferRequested;
import io.switchboard.events.WrapUpCompleted;
import io.switchboard.routing.engine.ContactSnapshot;
import io.switchboard.routing.engine.Decision;
import io.switchboard.routing.engine.EngineSettings;
import io.switchboard.routing.engine.QueueStats;
import io.switchboard.routing.engine.RoutingEngine;
import io.switchboard.routing.engine.RoutingException;
import io.switchboard.routing.engine.model.AgentProfile;
import io.switchboard.routing.engine.model.AgentSelection;
import io.switchboard.routing.engine.model.AgentState;
import io.switchboard.events.Channel;
import io.switchboard.routing.engine.model.ContactRequest;
import io.switchboard.routing.engine.model.QueueConfig;
import io.switchboard.routing.engine.model.Strategy;

/**
 * One routing domain (the tenants that share agents): its engine, its configuration, and the
 * translation between platform events and engine commands and decisions. Single-threaded.
 */
public final class DomainRouter {

    /** Who a channel is told sent the closed message: routing itself, not an agent. */
    public static final String CLOSED_MESSAGE_SENDER = "switchboard";

    private final String domain;
    private final RoutingEngine engine;
    private final Map<String, TenantConfigured> tenants = new HashMap<>();
    private final Map<String, QueueConfigured> queues = new HashMap<>();
    private final Map<String, QueueDay> days = new HashMap<>();
    private final Map<String, String> agentTenants = new HashMap<>();
    private final Map<String, ContactRequest> contacts = new HashMap<>();
    private final Set<String> skills = new HashSet<>();
    /** Presence that arrived before the agent's configuration (they travel on different topics). */
    private final Map<String, AgentState> pendingPresence = new HashMap<>();

    public DomainRouter(String domain, int missedOffersBeforeAway) {
        this.domain = domain;
        this.engine = new RoutingEngine(new EngineSettings(missedOffersBeforeAway, Duration.ofMinutes(5)));
    }

    public String domain() {
        return domain;
    }

    public RoutingEngine engine() {
        return engine;
    }

    /** Applies one input event at {@code now}; {@code now} is the processing time, never the producer's clock. */
    public Outcome handle(SwitchboardEvent event, Instant now) {
        Effects effects = new Effects(event.eventId().toString());
        // Other events on the consumed topics do not concern routing.
        if (event instanceof ConfigEvent config) {
            configure(config, now, effects);
        } else if (event instanceof ContactCreated created) {
            arrive(created, now, effects);
        } else if (event instanceof ContactEnded ended) {
            if (engine.contactSnapshot(ended.contactId()).isPresent()) {
                effects.apply(engine.endContact(ended.contactId(), now), now);
            }
        } else if (event instanceof AgentStateChanged state) {
            presence(state, now, effects);
        } else if (event instanceof OfferAnswered answer) {
            answer(answer, now, effects);
        } else if (event instanceof TransferRequested transfer) {
            transfer(transfer, now, effects);
        } else if (event instanceof WrapUpCompleted done && engine.agentSnapshot(done.agentId()).isPresent()) {
            effects.agents.add(done.agentId());
            effects.apply(engine.endWrapUp(done.agentId(), now), now);
        }
        return effects.outcome();
    }

    /** Fires the engine's timers. */
    public Outcome tick(Instant now) {
        Effects effects = new Effects("tick:" + domain + ":" + now.toEpochMilli());
        effects.apply(engine.tick(now), now);
        return effects.outcome();
    }

    /** Re-learns a contact during a rebuild, so its decisions can be described. */
    public void remember(ContactRequest request) {
        contacts.put(request.id(), request);
    }

    // ---------------------------------------------------------------- inputs

    private void configure(ConfigEvent config, Instant now, Effects effects) {
        if (config instanceof TenantConfigured tenant) {
            tenants.put(tenant.tenantId(), tenant);
        } else if (config instanceof QueueConfigured queue) {
            QueueConfigured existing = queues.get(queue.queueId());
            if (existing != null && !existing.tenantId().equals(queue.tenantId())) {
                throw new RoutingException("queue id " + queue.queueId() + " is already used by tenant " + existing.tenantId()
                        + " in routing domain " + domain + "; queue ids must be unique within a domain");
            }
            defineSkills(queue.requiredSkills().keySet());
            effects.apply(engine.configureQueue(toQueueConfig(queue), now), now);
            queues.put(queue.queueId(), queue);
        } else if (config instanceof AgentConfigured agent) {
            defineSkills(agent.skills().keySet());
            agentTenants.put(agent.agentId(), agent.tenantId());
            effects.apply(engine.configureAgent(toProfile(agent), now), now);
            AgentState pending = pendingPresence.remove(agent.agentId());
            if (!agent.active()) {
                effects.apply(engine.setAgentState(agent.agentId(), AgentState.OFFLINE, now), now);
            } else if (pending != null) {
                effects.apply(engine.setAgentState(agent.agentId(), pending, now), now);
            }
            effects.agents.add(agent.agentId());
        }
    }

    private void arrive(ContactCreated created, Instant now, Effects effects) {
        TenantConfigured tenant = tenants.get(created.tenantId());
        if (tenant == null) {
            effects.deadLetter = Refusal.of(Refusal.Kind.UNKNOWN_TENANT, "unknown tenant " + created.tenantId());
            return;
        }
        String queueId = chosenQueue(created).orElseGet(() -> tenant.entryPoints().stream()
                .filter(e -> e.channel() == created.channel() && e.address().equalsIgnoreCase(created.entryPoint()))
                .map(TenantConfigured.EntryPoint::queueId)
                .findFirst()
                .orElse(tenant.defaultQueueId()));
        if (queueId == null || !engine.queueIds().contains(queueId)) {
            effects.deadLetter = new Refusal(Refusal.Kind.UNKNOWN_ENTRY_POINT, "no queue for entry point " + created.entryPoint()
                    + " of tenant " + created.tenantId() + ", which has no default queue", "entryPoint");
            return;
        }
        if (engine.contactSnapshot(created.contactId()).isPresent()) {
            // Not a redelivery (those are skipped by event id before they get here): another event creating a live contact.
            effects.deadLetter = new Refusal(Refusal.Kind.ID_CONFLICT, "contact " + created.contactId()
                    + " already exists; a new contact needs a new contactId, and a retry the same event id", "contactId");
            return;
        }
        ContactRequest request = new ContactRequest(created.contactId(), created.tenantId(), created.channel(),
                queueId, created.priority(), created.occurredAt().isAfter(now) ? now : created.occurredAt(), null);
        if (placedByAnAgent(created)) {
            place(created, request, now, effects);
            return;
        }
        contacts.put(request.id(), request);
        List<Decision> decisions = engine.contactArrived(request, now);
        day(queueId, now).offered();
        effects.queues.add(queueId);
        effects.apply(decisions, now);
        tellClosed(created, decisions, now, effects);
    }

    /**
     * An outbound contact is an agent's own (click-to-call, a campaign's preview call) unless a campaign's
     * dialler called the customer first: that answered call waits in the campaign's queue like an inbound one.
     */
    private static boolean placedByAnAgent(ContactCreated created) {
        return created.direction() == Direction.OUTBOUND && (created.metadata().containsKey(ContactCreated.PLACED_BY)
                || !created.metadata().containsKey(CampaignCallRequested.CAMPAIGN_ID));
    }

    /** The queue the customer chose (a caller's IVR key), when it is one of the contact's tenant's queues. */
    private Optional<String> chosenQueue(ContactCreated created) {
        return Optional.ofNullable(created.metadata().get(ContactCreated.CHOSEN_QUEUE))
                .filter(queueId -> queues.containsKey(queueId) && queues.get(queueId).tenantId().equals(created.tenantId()));
    }

    /**
     * A contact that ends up waiting in a closed queue is told so once, through its channel like an
     * agent's reply: a written contact is sent the closed message, a caller hears the closed prompt
     * (the voice gateway plays {@code metadata.prompt}; the text is the transcript's).
     */
    private void tellClosed(ContactCreated created, List<Decision> decisions, Instant now, Effects effects) {
        boolean caller = created.channel() == Channel.VOICE;
        decisions.stream()
                .filter(d -> d instanceof Decision.Queued q && q.contactId().equals(created.contactId()))
                .map(d -> ((Decision.Queued) d).queueId())
                .reduce((first, last) -> last)
                .filter(queueId -> !engine.isQueueOpen(queueId, now))
                .map(queues::get)
                .filter(queue -> queue.businessHours() != null
                        && (caller ? queue.businessHours().closedPrompt() : queue.businessHours().closedMessage()) != null)
                .ifPresent(queue -> effects.publish(closedReply(created, queue, now, effects)));
    }

    private ReplyRequested closedReply(ContactCreated created, QueueConfigured queue, Instant now, Effects effects) {
        QueueConfigured.BusinessHours hours = queue.businessHours();
        Map<String, String> metadata = new HashMap<>(Map.of("automated", "closed-hours", "queueId", queue.queueId()));
        if (created.channel() == Channel.VOICE) {
            metadata.put(ReplyRequested.PROMPT, hours.closedPrompt());
        }
        String text = hours.closedMessage() != null ? hours.closedMessage() : "(closed prompt " + hours.closedPrompt() + ")";
        return new ReplyRequested(effects.nextId(), created.tenantId(), now, created.contactId(), "closed:" + created.contactId(),
                created.channel(), CLOSED_MESSAGE_SENDER, text, List.of(), metadata);
    }

    /**
     * An outbound contact its agent started (click-to-call; {@code metadata.agentId}): assigned to
     * them at once, never queued or offered, and not counted in the queue's offered/answered figures.
     */
    private void place(ContactCreated created, ContactRequest request, Instant now, Effects effects) {
        String agentId = created.metadata().get(ContactCreated.PLACED_BY);
        if (agentId == null || engine.agentSnapshot(agentId).isEmpty()) {
            effects.deadLetter = new Refusal(Refusal.Kind.INVALID, "outbound contact " + created.contactId()
                    + " names no known agent in metadata." + ContactCreated.PLACED_BY, "metadata." + ContactCreated.PLACED_BY);
            return;
        }
        List<Decision> decisions;
        try {
            decisions = engine.contactPlaced(request, agentId, now);
        } catch (RoutingException refused) {
            effects.deadLetter = Refusal.of(Refusal.Kind.INVALID, refused.getMessage());
            return;
        }
        contacts.put(request.id(), request);
        effects.placing = true;
        effects.apply(decisions, now);
    }

    /** The figures of every queue of the domain, for {@code queue.stats}. */
    public List<QueueStatsReported> stats(Instant now) {
        List<QueueStatsReported> stats = new ArrayList<>();
        int index = 0;
        for (String queueId : engine.queueIds()) {
            QueueStats live = engine.queueStats(queueId);
            QueueConfigured config = queues.get(queueId);
            QueueDay day = day(queueId, now);
            UUID id = UUID.nameUUIDFromBytes(("stats:" + domain + ":" + now.toEpochMilli() + "/" + index++).getBytes(StandardCharsets.UTF_8));
            stats.add(new QueueStatsReported(id, live.tenant(), now, queueId, live.waiting(),
                    live.oldestArrival() == null ? null : Duration.between(live.oldestArrival(), now).toSeconds(), live.agentsAvailable(),
                    day.day(), day.offeredCount(), day.answeredCount(), day.answeredWithinThresholdCount(), day.abandonedCount(),
                    day.serviceLevel(), config == null || config.serviceLevel() == null ? 20 : config.serviceLevel().thresholdSeconds(),
                    config == null || config.serviceLevel() == null ? 80 : config.serviceLevel().targetPercent()));
        }
        return stats;
    }

    /** Today's counts of a queue, starting afresh at midnight in the tenant's time zone. */
    public QueueDay day(String queueId, Instant now) {
        return days.computeIfAbsent(queueId, q -> new QueueDay(today(q, now), 0, 0, 0, 0)).on(today(queueId, now));
    }

    /** Puts back a queue's counts as persisted, during a rebuild. */
    public void restoreDay(String queueId, QueueDay day) {
        days.put(queueId, day);
    }

    private LocalDate today(String queueId, Instant now) {
        QueueConfigured queue = queues.get(queueId);
        TenantConfigured tenant = queue == null ? null : tenants.get(queue.tenantId());
        ZoneId zone = tenant == null ? ZoneOffset.UTC : ZoneId.of(tenant.timeZone());
        return LocalDate.ofInstant(now, zone);
    }

    private void presence(AgentStateChanged change, Instant now, Effects effects) {
        if (change.state() == AgentStateChanged.State.WRAP_UP) {
            return;
        }
        if (engine.agentSnapshot(change.agentId()).isEmpty()) {
            pendingPresence.put(change.agentId(), AgentState.valueOf(change.state().name()));
            return;
        }
        effects.agents.add(change.agentId());
        effects.apply(engine.setAgentState(change.agentId(), AgentState.valueOf(change.state().name()), now), now);
    }

    private void answer(OfferAnswered answer, Instant now, Effects effects) {
        List<Decision> decisions;
        try {
            decisions = answer.answer() == OfferAnswered.Answer.ACCEPTED
                    ? engine.acceptOffer(answer.contactId(), answer.offerId(), answer.agentId(), now)
                    : engine.rejectOffer(answer.contactId(), answer.offerId(), answer.agentId(), now);
        } catch (RoutingException refused) {
            ContactRejected.Reason reason = refused.getMessage().contains("another agent") ? ContactRejected.Reason.NOT_YOUR_OFFER
                    : ContactRejected.Reason.UNKNOWN_OFFER;
            effects.publish(new ContactRejected(effects.nextId(), answer.tenantId(), now, answer.contactId(), null,
                    answer.agentId(), answer.offerId(), reason));
            return;
        }
        effects.agents.add(answer.agentId());
        effects.contacts.add(answer.contactId());
        effects.apply(decisions, now);
        boolean assigned = decisions.stream().anyMatch(d -> d instanceof Decision.Assigned a && answer.offerId().equals(a.offerId()));
        if (answer.answer() == OfferAnswered.Answer.ACCEPTED && !assigned) {
            effects.publish(new ContactRejected(effects.nextId(), answer.tenantId(), now, answer.contactId(), null,
                    answer.agentId(), answer.offerId(), ContactRejected.Reason.OFFER_EXPIRED));
        }
    }

    /** Only the agent holding the contact may move it; anything else is refused and changes nothing. */
    private void transfer(TransferRequested request, Instant now, Effects effects) {
        var held = engine.contactSnapshot(request.contactId())
                .filter(c -> c.request().tenant().equals(request.tenantId()) && request.agentId().equals(c.agentId())
                        && c.status() == ContactSnapshot.Status.ASSIGNED);
        List<Decision> decisions = null;
        if (held.isPresent()) {
            try {
                decisions = request.toQueueId() != null ? engine.transferToQueue(request.contactId(), request.toQueueId(), now)
                        : engine.transferToAgent(request.contactId(), request.toAgentId(), now);
            } catch (RoutingException refused) {
                decisions = null;
            }
        }
        if (decisions == null) {
            effects.publish(new ContactRejected(effects.nextId(), request.tenantId(), now, request.contactId(),
                    held.map(c -> c.request().queueId()).orElse(null), request.agentId(), null, ContactRejected.Reason.TRANSFER_REFUSED));
            return;
        }
        effects.agents.add(request.agentId());
        effects.transferRequest = request;
        effects.apply(decisions, now);
    }

    private void defineSkills(Set<String> names) {
        if (!skills.containsAll(names)) {
            skills.addAll(names);
            engine.defineSkills(names);
        }
    }

    // ---------------------------------------------------------------- mapping

    static QueueConfig toQueueConfig(QueueConfigured queue) {
        QueueConfig.ServiceLevel serviceLevel = queue.serviceLevel() == null ? null
                : new QueueConfig.ServiceLevel(Duration.ofSeconds(queue.serviceLevel().thresholdSeconds()),
                        queue.serviceLevel().targetPercent() / 100.0);
        List<QueueConfig.Relaxation> relaxation = queue.relaxation().stream()
                .map(step -> new QueueConfig.Relaxation(Duration.ofSeconds(step.afterSeconds()), step.skill(), step.minimumProficiency()))
                .toList();
        QueueConfig.BusinessHours hours = queue.businessHours() == null ? null
                : new QueueConfig.BusinessHours(java.time.ZoneId.of(queue.businessHours().timeZone()),
                        queue.businessHours().weekly().stream()
                                .map(o -> new QueueConfig.Opening(o.day(), o.opens(), o.closes())).toList(),
                        QueueConfig.OutsideHours.valueOf(queue.businessHours().outsideHours().name()),
                        queue.businessHours().holidays().stream().map(QueueConfigured.Holiday::date)
                                .collect(java.util.stream.Collectors.toSet()));
        return new QueueConfig(queue.queueId(), queue.tenantId(), queue.requiredSkills(), queue.priority(), serviceLevel,
                Strategy.valueOf(queue.strategy().name()), Duration.ofSeconds(queue.preferredAgentSeconds()),
                queue.offerTimeoutSeconds() > 0 ? Duration.ofSeconds(queue.offerTimeoutSeconds()) : null,
                Duration.ofSeconds(queue.maxWaitSeconds()), queue.overflowQueueId(), relaxation, hours,
                Duration.ofSeconds(queue.wrapUpSeconds()), AgentSelection.valueOf(queue.agentSelection().name()));
    }

    static AgentProfile toProfile(AgentConfigured agent) {
        return new AgentProfile(agent.agentId(), Set.copyOf(agent.tenants()), agent.skills(), agent.capacity(), agent.blending());
    }

    // ---------------------------------------------------------------- outputs

    /** Collects what one input caused: events to publish and the contacts and agents whose state to persist. */
    private final class Effects {

        private final String cause;
        private final List<SwitchboardEvent> events = new ArrayList<>();
        private final Set<String> contacts = new LinkedHashSet<>();
        private final Set<String> agents = new LinkedHashSet<>();
        private final Set<String> queues = new LinkedHashSet<>();
        private Refusal deadLetter;
        /** Set for an agent's own (outbound) contact: its assignment is not an answered offer in the queue's figures. */
        private boolean placing;
        /** Set while applying an agent's transfer, so the event names who asked and why. */
        private TransferRequested transferRequest;

        Effects(String cause) {
            this.cause = cause;
        }

        /** Output ids derive from the input's id, so reprocessing an input republishes the same ids. */
        UUID nextId() {
            return UUID.nameUUIDFromBytes((cause + "/" + events.size()).getBytes(StandardCharsets.UTF_8));
        }

        void publish(SwitchboardEvent event) {
            events.add(event);
        }

        void apply(List<Decision> decisions, Instant now) {
            for (Decision decision : decisions) {
                if (decision.contactId() != null) {
                    contacts.add(decision.contactId());
                }
                describe(decision, now).ifPresent(this::publish);
                if (decision instanceof Decision.Released released) {
                    agents.add(released.agentId());
                    if (engine.contactSnapshot(released.contactId()).isEmpty()) {
                        DomainRouter.this.contacts.remove(released.contactId());
                    }
                } else if (decision instanceof Decision.Abandoned abandoned) {
                    if (abandoned.queueId() != null) {
                        day(abandoned.queueId(), now).abandoned();
                        queues.add(abandoned.queueId());
                    }
                    DomainRouter.this.contacts.remove(abandoned.contactId());
                } else if (decision instanceof Decision.Assigned assigned && !placing) {
                    ContactRequest request = DomainRouter.this.contacts.get(assigned.contactId());
                    QueueConfigured queue = DomainRouter.this.queues.get(assigned.queueId());
                    long threshold = queue == null || queue.serviceLevel() == null ? 20 : queue.serviceLevel().thresholdSeconds();
                    boolean inTime = request != null && Duration.between(request.arrivedAt(), now).compareTo(Duration.ofSeconds(threshold)) <= 0;
                    day(assigned.queueId(), now).answered(inTime);
                    queues.add(assigned.queueId());
                }
            }
        }

        private Optional<SwitchboardEvent> describe(Decision decision, Instant now) {
            if (decision instanceof Decision.Queued q) {
                return contact(q.contactId()).map(c -> new ContactQueued(nextId(), c.tenant(), now, c.id(), c.channel(), q.queueId(),
                        c.priority(), q.arrivedAt()));
            }
            if (decision instanceof Decision.Offered o) {
                agents.add(o.agentId());
                return contact(o.contactId()).map(c -> new ContactOffered(nextId(), c.tenant(), now, c.id(), c.channel(),
                        o.queueId(), o.agentId(), o.offerId(), o.expiresAt()));
            }
            if (decision instanceof Decision.Assigned a) {
                agents.add(a.agentId());
                return contact(a.contactId()).map(c -> new ContactAssigned(nextId(), c.tenant(), now, c.id(), c.channel(),
                        a.queueId(), a.agentId(), a.offerId()));
            }
            if (decision instanceof Decision.OfferEnded ended) {
                agents.add(ended.agentId());
                return contact(ended.contactId()).map(c -> new ContactRejected(nextId(), c.tenant(), now, c.id(), ended.queueId(),
                        ended.agentId(), ended.offerId(), ContactRejected.Reason.valueOf(ended.outcome().name())));
            }
            if (decision instanceof Decision.Abandoned a) {
                return contact(a.contactId()).map(c -> new ContactAbandoned(nextId(), c.tenant(), now, c.id(), a.queueId(),
                        a.waited().toSeconds(), ContactAbandoned.Reason.valueOf(a.reason().name())));
            }
            if (decision instanceof Decision.Overflowed o) {
                return contact(o.contactId()).map(c -> new ContactTransferred(nextId(), c.tenant(), now, c.id(), o.fromQueueId(),
                        o.toQueueId(), null, null, "overflow: " + o.reason().name().toLowerCase(Locale.ROOT)));
            }
            if (decision instanceof Decision.Transferred t) {
                String by = transferRequest == null ? null : transferRequest.agentId();
                String note = transferRequest == null ? null : transferRequest.note();
                return contact(t.contactId()).map(c -> new ContactTransferred(nextId(), c.tenant(), now, c.id(), t.fromQueueId(),
                        t.toQueueId(), t.toAgentId(), by, note));
            }
            if (decision instanceof Decision.AgentStateChanged s) {
                agents.add(s.agentId());
                String tenant = agentTenants.getOrDefault(s.agentId(), domain);
                return Optional.of(new AgentStateChanged(nextId(), tenant, now, s.agentId(),
                        AgentStateChanged.State.valueOf(s.state().name()), s.reason(),
                        engine.agentSnapshot(s.agentId()).map(a -> a.wrapUpEnds()).orElse(null)));
            }
            return Optional.empty();
        }

        private Optional<ContactRequest> contact(String contactId) {
            return Optional.ofNullable(DomainRouter.this.contacts.get(contactId));
        }

        Outcome outcome() {
            return new Outcome(List.copyOf(events), Set.copyOf(contacts), Set.copyOf(agents), Set.copyOf(queues),
                    Optional.ofNullable(deadLetter));
        }
    }
}
