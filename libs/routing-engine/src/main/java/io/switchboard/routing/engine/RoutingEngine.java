package io.switchboard.routing.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

import io.switchboard.routing.engine.ContactRuntime.Status;
import io.switchboard.routing.engine.model.AgentProfile;
import io.switchboard.routing.engine.model.AgentSelection;
import io.switchboard.routing.engine.model.AgentState;
import io.switchboard.events.Channel;
import io.switchboard.routing.engine.model.ContactRequest;
import io.switchboard.routing.engine.model.QueueConfig;

/**
 * The ACD. Commands change the state and return the decisions they caused, in order. Time is an
 * input: every command takes {@code now}, first fires the timers due by then (offer expiry,
 * relaxation, maximum wait, preferred-agent windows, wrap-up), and never reads a clock. A command
 * that is refused throws {@link RoutingException} before changing anything.
 *
 * <p>Not thread-safe: one routing domain has one writer.
 */
public final class RoutingEngine {

    private final EngineSettings settings;
    private final Set<String> skills = new HashSet<>();
    private final Map<String, AgentRuntime> agents = new HashMap<>();
    private final Map<String, QueueRuntime> queues = new HashMap<>();
    private final Map<String, List<AgentRuntime>> agentsByTenant = new HashMap<>();
    private final Map<String, List<QueueRuntime>> queuesByTenant = new HashMap<>();
    private final Map<String, ContactRuntime> contacts = new HashMap<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    /** Offers made so far; the round-robin order of agents. */
    private long offers;
    private long clock = Long.MIN_VALUE;
    private long sequence;
    private List<Decision> out = new ArrayList<>();

    public RoutingEngine(EngineSettings settings) {
        this.settings = settings;
    }

    public RoutingEngine() {
        this(EngineSettings.defaults());
    }

    // ---------------------------------------------------------------- configuration

    /** Skills must be defined before queues or agents use them. */
    public void defineSkills(Collection<String> names) {
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new RoutingException("a skill needs a name");
            }
        }
        skills.addAll(names);
    }

    /** Adds or replaces a queue; its waiting contacts keep their places. */
    public List<Decision> configureQueue(QueueConfig config, Instant now) {
        validate(config);
        begin(now);
        QueueRuntime previous = queues.get(config.id());
        List<ContactRuntime> waiting = previous == null ? List.of() : previous.waitingInOrder();
        if (previous != null) {
            for (AgentRuntime agent : agentsByTenant.getOrDefault(previous.config.tenant(), List.of())) {
                withdraw(agent);
                agent.memberships.removeIf(m -> m.queue() == previous);
            }
            queuesByTenant.get(previous.config.tenant()).remove(previous);
        }
        QueueRuntime queue = new QueueRuntime(config);
        queues.put(config.id(), queue);
        queuesByTenant.computeIfAbsent(config.tenant(), t -> new ArrayList<>()).add(queue);
        for (AgentRuntime agent : agentsByTenant.getOrDefault(config.tenant(), List.of())) {
            withdraw(agent);
            join(agent, queue);
        }
        for (ContactRuntime contact : waiting) {
            placeInQueue(contact, queue, false);
        }
        for (ContactRuntime contact : waiting) {
            if (contact.status == Status.WAITING) {
                match(contact);
            }
        }
        for (AgentRuntime agent : agentsByTenant.getOrDefault(config.tenant(), List.of())) {
            list(agent);
            serveWaiting(agent);
        }
        return finish();
    }

    /** Adds or replaces an agent's profile; their state and contacts in flight are kept. */
    public List<Decision> configureAgent(AgentProfile profile, Instant now) {
        validate(profile);
        begin(now);
        AgentRuntime agent = agents.get(profile.id());
        if (agent == null) {
            agent = new AgentRuntime(profile);
            agent.idleSince = clock;
            agents.put(profile.id(), agent);
        } else {
            withdraw(agent);
            for (String tenant : agent.profile.tenants()) {
                agentsByTenant.get(tenant).remove(agent);
            }
            for (AgentRuntime.Membership m : agent.memberships) {
                m.queue().members.remove(agent);
            }
            agent.memberships.clear();
            agent.profile = profile;
        }
        for (String tenant : profile.tenants()) {
            agentsByTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(agent);
            for (QueueRuntime queue : queuesByTenant.getOrDefault(tenant, List.of())) {
                join(agent, queue);
            }
        }
        list(agent);
        serveWaiting(agent);
        return finish();
    }

    // ---------------------------------------------------------------- contacts

    /** A new contact: offered at once to the best eligible agent, or queued. */
    public List<Decision> contactArrived(ContactRequest request, Instant now) {
        if (contacts.containsKey(request.id())) {
            throw new RoutingException("contact " + request.id() + " is already being routed");
        }
        QueueRuntime queue = queueOf(request.queueId());
        if (!queue.config.tenant().equals(request.tenant())) {
            throw new RoutingException("queue " + queue.id() + " belongs to tenant " + queue.config.tenant()
                    + ", not to the contact's tenant " + request.tenant());
        }
        if (request.channel() == null || request.arrivedAt() == null) {
            throw new RoutingException("contact " + request.id() + " needs a channel and an arrival time");
        }
        AgentRuntime preferred = request.preferredAgentId() == null ? null : agents.get(request.preferredAgentId());
        if (preferred != null && !preferred.serves(request.tenant())) {
            throw new RoutingException("preferred agent " + preferred.id + " does not serve tenant " + request.tenant());
        }
        begin(now);
        ContactRuntime contact = new ContactRuntime(request, sequence++);
        contacts.put(contact.id, contact);
        if (request.preferredAgentId() != null) {
            contact.preferredAgentId = request.preferredAgentId();
            contact.preferredUntil = contact.arrived + queue.config.preferredAgentWindow().toMillis();
        }
        enqueue(contact, queue, true);
        return finish();
    }

    /**
     * A contact the agent started themselves (an outbound call): theirs at once, whatever their
     * presence, holding their capacity on its channel until it ends (then wrap-up, as after any
     * contact). It never waits and is never offered; its queue only says whose contact it is.
     */
    public List<Decision> contactPlaced(ContactRequest request, String agentId, Instant now) {
        if (contacts.containsKey(request.id())) {
            throw new RoutingException("contact " + request.id() + " is already being routed");
        }
        QueueRuntime queue = queueOf(request.queueId());
        AgentRuntime agent = agentOf(agentId);
        if (!queue.config.tenant().equals(request.tenant()) || !agent.serves(request.tenant())) {
            throw new RoutingException("agent " + agentId + " and queue " + queue.id() + " must both serve the contact's tenant "
                    + request.tenant());
        }
        begin(now);
        ContactRuntime contact = new ContactRuntime(request, sequence++);
        contacts.put(contact.id, contact);
        contact.queue = queue;
        contact.queuedAt = clock;
        contact.status = Status.ASSIGNED;
        contact.placed = true;
        takeCapacity(contact, agent);
        out.add(new Decision.Assigned(contact.id, queue.id(), agentId, null));
        return finish();
    }

    /** The agent took the offer. An offer that has expired by {@code now} is not accepted: see the returned decisions. */
    public List<Decision> acceptOffer(String contactId, String offerId, String agentId, Instant now) {
        ContactRuntime contact = offered(contactId, offerId, agentId);
        begin(now);
        if (contact.status == Status.OFFERED && offerId.equals(contact.offerId)) {
            contact.status = Status.ASSIGNED;
            contact.agent.missedOffers = 0;
            out.add(new Decision.Assigned(contact.id, contact.queue.id(), agentId, offerId));
        }
        return finish();
    }

    /** The agent declined: the contact goes back to its place and another agent is tried first. */
    public List<Decision> rejectOffer(String contactId, String offerId, String agentId, Instant now) {
        ContactRuntime contact = offered(contactId, offerId, agentId);
        begin(now);
        if (contact.status == Status.OFFERED && offerId.equals(contact.offerId)) {
            offerFailed(contact, Decision.OfferOutcome.DECLINED);
        }
        return finish();
    }

    /** The customer left or the contact is finished: abandons it while waiting or offered, releases the agent when assigned. */
    public List<Decision> endContact(String contactId, Instant now) {
        ContactRuntime contact = contactOf(contactId);
        begin(now);
        switch (contact.status) {
            case WAITING -> {
                contact.queue.removeWaiting(contact);
                contact.queue.recordAbandoned();
                abandon(contact, Decision.AbandonReason.CUSTOMER_LEFT);
            }
            case OFFERED -> {
                AgentRuntime agent = contact.agent;
                out.add(new Decision.OfferEnded(contact.id, contact.queue.id(), agent.id, contact.offerId, Decision.OfferOutcome.WITHDRAWN));
                freeCapacity(contact);
                abandon(contact, Decision.AbandonReason.CUSTOMER_LEFT);
                serveWaiting(agent);
            }
            case ASSIGNED -> release(contact, true);
        }
        return finish();
    }

    /** Moves a contact to another queue, keeping its original arrival time. */
    public List<Decision> transferToQueue(String contactId, String queueId, Instant now) {
        ContactRuntime contact = contactOf(contactId);
        QueueRuntime target = queueOf(queueId);
        if (!target.config.tenant().equals(contact.request.tenant())) {
            throw new RoutingException("queue " + queueId + " belongs to another tenant than contact " + contactId);
        }
        begin(now);
        String from = contact.queue.id();
        detach(contact);
        contact.preferredAgentId = null;
        out.add(new Decision.Transferred(contact.id, from, queueId, null));
        enqueue(contact, target, true);
        return finish();
    }

    /** Moves a contact to a named agent: reserved for them for the engine's transfer window, then open to the queue. */
    public List<Decision> transferToAgent(String contactId, String agentId, Instant now) {
        ContactRuntime contact = contactOf(contactId);
        AgentRuntime agent = agentOf(agentId);
        if (!agent.serves(contact.request.tenant())) {
            throw new RoutingException("agent " + agentId + " does not serve tenant " + contact.request.tenant());
        }
        begin(now);
        detach(contact);
        contact.rejectedBy.remove(agentId);
        contact.preferredAgentId = agentId;
        contact.preferredUntil = clock + settings.agentTransferWindow().toMillis();
        out.add(new Decision.Transferred(contact.id, contact.queue.id(), null, agentId));
        enqueue(contact, contact.queue, true);
        return finish();
    }

    // ---------------------------------------------------------------- agents

    /**
     * Presence. Going available starts the idle clock and pulls waiting work. Away or offline
     * withdraws open offers (the contacts keep their places); offline also re-queues assigned contacts.
     */
    public List<Decision> setAgentState(String agentId, AgentState state, Instant now) {
        AgentRuntime agent = agentOf(agentId);
        if (state == AgentState.WRAP_UP) {
            throw new RoutingException("wrap-up starts when a contact ends; it cannot be set directly");
        }
        begin(now);
        changeState(agent, state, null);
        return finish();
    }

    /** The agent finished a contact's after-contact work before their wrap-up time ran out: available at once. */
    public List<Decision> endWrapUp(String agentId, Instant now) {
        AgentRuntime agent = agentOf(agentId);
        begin(now);
        if (agent.state == AgentState.WRAP_UP) {
            changeState(agent, AgentState.AVAILABLE, "wrap-up completed");
        }
        return finish();
    }

    /** Whether a queue's contacts may be offered at {@code now} (its hours, holidays included). */
    public boolean isQueueOpen(String queueId, Instant now) {
        return queueOf(queueId).isOpen(now.toEpochMilli());
    }

    /** Fires the timers due by {@code now}. */
    public List<Decision> tick(Instant now) {
        begin(now);
        return finish();
    }

    // ---------------------------------------------------------------- restore (after a restart)

    /** Puts back an agent's presence as persisted. Call after configuring agents and queues, before restoring contacts. */
    public void restoreAgent(String agentId, AgentState state, Instant idleSince, Instant wrapUpEnds, int missedOffers) {
        AgentRuntime agent = agentOf(agentId);
        withdraw(agent);
        agent.state = state;
        agent.idleSince = idleSince.toEpochMilli();
        agent.missedOffers = missedOffers;
        if (state == AgentState.WRAP_UP) {
            agent.wrapUpEnds = wrapUpEnds.toEpochMilli();
            schedule(agent.wrapUpEnds, Timer.Kind.WRAP_UP_END, agent.id, agent.wrapUpEnds);
        }
        list(agent);
    }

    /**
     * Puts back a contact as persisted: waiting (offer and agent null), offered (with its expiry) or
     * assigned (expiry null). Makes no decisions; call {@link #tick} afterwards to resume.
     */
    public void restoreContact(ContactRequest request, Collection<String> rejectedBy, int attempts, String agentId,
            String offerId, Instant offerExpires, boolean assigned, Instant queuedAt) {
        if (contacts.containsKey(request.id())) {
            throw new RoutingException("contact " + request.id() + " is already being routed");
        }
        QueueRuntime queue = queueOf(request.queueId());
        AgentRuntime agent = agentId == null ? null : agentOf(agentId);
        ContactRuntime contact = new ContactRuntime(request, sequence++);
        contact.rejectedBy.addAll(rejectedBy);
        contact.attempts = attempts;
        contact.preferredAgentId = request.preferredAgentId();
        contact.preferredUntil = contact.arrived + queue.config.preferredAgentWindow().toMillis();
        contacts.put(contact.id, contact);
        placeInQueue(contact, queue, false);
        contact.queuedAt = queuedAt.toEpochMilli();
        if (agent == null) {
            scheduleWaitingTimers(contact);
            if (queue.config.hours() != null) {
                // Checked against the clock at the next tick: a queue that opened meanwhile serves them then.
                scheduleOpening(queue);
            }
            return;
        }
        contact.queue.removeWaiting(contact);
        takeCapacity(contact, agent);
        contact.offerId = offerId;
        if (assigned) {
            contact.status = Status.ASSIGNED;
            // Only a contact its agent placed is assigned without an offer.
            contact.placed = offerId == null;
        } else {
            contact.status = Status.OFFERED;
            contact.offerExpires = offerExpires.toEpochMilli();
            schedule(contact.offerExpires, Timer.Kind.OFFER_EXPIRY, contact.id, contact.attempts);
        }
    }

    // ---------------------------------------------------------------- queries

    public Optional<AgentSnapshot> agentSnapshot(String agentId) {
        AgentRuntime agent = agents.get(agentId);
        if (agent == null) {
            return Optional.empty();
        }
        return Optional.of(new AgentSnapshot(agent.id, agent.state, Instant.ofEpochMilli(agent.idleSince),
                agent.state == AgentState.WRAP_UP ? Instant.ofEpochMilli(agent.wrapUpEnds) : null, agent.missedOffers,
                agent.totalActive));
    }

    /** Empty once the contact is finished or abandoned. */
    public Optional<ContactSnapshot> contactSnapshot(String contactId) {
        ContactRuntime contact = contacts.get(contactId);
        if (contact == null) {
            return Optional.empty();
        }
        ContactRequest now = new ContactRequest(contact.id, contact.request.tenant(), contact.request.channel(),
                contact.queue.id(), contact.request.priority(), contact.request.arrivedAt(), contact.preferredAgentId);
        return Optional.of(new ContactSnapshot(now, ContactSnapshot.Status.valueOf(contact.status.name()),
                contact.agent == null ? null : contact.agent.id, contact.offerId,
                contact.status == Status.OFFERED ? Instant.ofEpochMilli(contact.offerExpires) : null, contact.attempts,
                Set.copyOf(contact.rejectedBy), Instant.ofEpochMilli(contact.queuedAt)));
    }

    public Optional<AgentState> agentState(String agentId) {
        return Optional.ofNullable(agents.get(agentId)).map(a -> a.state);
    }

    /** Contacts of a channel the agent holds (offered or assigned). */
    public int activeContacts(String agentId, Channel channel) {
        AgentRuntime agent = agents.get(agentId);
        return agent == null ? 0 : agent.active[channel.ordinal()];
    }

    public int totalActiveContacts(String agentId) {
        AgentRuntime agent = agents.get(agentId);
        return agent == null ? 0 : agent.totalActive;
    }

    /** Waiting contact ids of a queue in service order (priority, then longest wait). */
    public List<String> waitingContacts(String queueId) {
        return queueOf(queueId).waitingInOrder().stream().map(c -> c.id).toList();
    }

    /** O(waiting + members of the queue); for dashboards and the API, not for decisions. */
    public QueueStats queueStats(String queueId) {
        QueueRuntime queue = queueOf(queueId);
        long oldest = Long.MAX_VALUE;
        for (ContactRuntime contact : queue.waitingInOrder()) {
            oldest = Math.min(oldest, contact.arrived);
        }
        int available = 0;
        for (AgentRuntime agent : queue.members.keySet()) {
            if (agent.state == AgentState.AVAILABLE) {
                available++;
            }
        }
        return new QueueStats(queueId, queue.config.tenant(), queue.waitingCount,
                oldest == Long.MAX_VALUE ? null : Instant.ofEpochMilli(oldest), available);
    }

    public int waitingCount(String queueId) {
        return queueOf(queueId).waitingCount;
    }

    public int contactCount() {
        return contacts.size();
    }

    public Set<String> queueIds() {
        return Set.copyOf(queues.keySet());
    }

    public Set<String> agentIds() {
        return Set.copyOf(agents.keySet());
    }

    /** The tenants an agent serves; empty for an agent this engine does not know. */
    public Set<String> agentTenants(String agentId) {
        AgentRuntime agent = agents.get(agentId);
        return agent == null ? Set.of() : agent.profile.tenants();
    }

    // ---------------------------------------------------------------- internals: commands

    private void begin(Instant now) {
        long millis = now.toEpochMilli();
        // Inputs from several producers may be a little out of order; time never runs backwards.
        clock = Math.max(clock, millis);
        out = new ArrayList<>();
        fireTimers();
    }

    private List<Decision> finish() {
        List<Decision> decisions = List.copyOf(out);
        out = new ArrayList<>();
        return decisions;
    }

    private void fireTimers() {
        while (!timers.isEmpty() && timers.peek().at() <= clock) {
            Timer timer = timers.poll();
            switch (timer.kind()) {
                case OFFER_EXPIRY -> {
                    ContactRuntime contact = contacts.get(timer.ref());
                    if (contact != null && contact.status == Status.OFFERED && contact.attempts == timer.token()) {
                        offerFailed(contact, Decision.OfferOutcome.TIMED_OUT);
                    }
                }
                case RELAXATION -> {
                    ContactRuntime contact = contacts.get(timer.ref());
                    if (contact != null && contact.status == Status.WAITING && contact.level == timer.token() - 1) {
                        contact.queue.removeWaiting(contact);
                        contact.level = (int) timer.token();
                        contact.queue.addWaiting(contact);
                        scheduleRelaxation(contact);
                        match(contact);
                    }
                }
                case MAX_WAIT -> {
                    ContactRuntime contact = contacts.get(timer.ref());
                    if (contact != null && contact.status == Status.WAITING && contact.queuedAt == timer.token()) {
                        overflow(contact, Decision.OverflowReason.MAX_WAIT_EXCEEDED);
                    }
                }
                case PREFERRED_WINDOW_END -> {
                    ContactRuntime contact = contacts.get(timer.ref());
                    if (contact != null && contact.status == Status.WAITING && contact.preferredUntil == timer.token()) {
                        match(contact);
                    }
                }
                case WRAP_UP_END -> {
                    AgentRuntime agent = agents.get(timer.ref());
                    if (agent != null && agent.state == AgentState.WRAP_UP && agent.wrapUpEnds == timer.token()) {
                        changeState(agent, AgentState.AVAILABLE, "wrap-up ended");
                    }
                }
                case QUEUE_OPENS -> {
                    QueueRuntime queue = queues.get(timer.ref());
                    if (queue != null && queue.opensAt == timer.token()) {
                        queue.opensAt = 0;
                        opened(queue);
                    }
                }
            }
        }
    }

    private void changeState(AgentRuntime agent, AgentState state, String reason) {
        AgentState before = agent.state;
        withdraw(agent);
        agent.state = state;
        if (state == AgentState.AVAILABLE && before != AgentState.AVAILABLE) {
            agent.idleSince = clock;
            agent.missedOffers = 0;
        }
        if (reason != null) {
            out.add(new Decision.AgentStateChanged(agent.id, state, reason));
        }
        if (state == AgentState.AWAY || state == AgentState.OFFLINE) {
            Deque<ContactRuntime> back = new ArrayDeque<>();
            for (ContactRuntime contact : List.copyOf(agent.contacts)) {
                if (contact.status == Status.OFFERED) {
                    out.add(new Decision.OfferEnded(contact.id, contact.queue.id(), agent.id, contact.offerId,
                            Decision.OfferOutcome.WITHDRAWN));
                    freeCapacity(contact);
                    returnToQueue(contact);
                    back.add(contact);
                } else if (state == AgentState.OFFLINE && !contact.placed) {
                    freeCapacity(contact);
                    out.add(new Decision.Released(contact.id, agent.id));
                    returnToQueue(contact);
                    back.add(contact);
                }
            }
            for (ContactRuntime contact : back) {
                if (contact.status == Status.WAITING) {
                    match(contact);
                }
            }
        }
        list(agent);
        serveWaiting(agent);
    }

    /** A declined or timed-out offer: back to the queue at the same place, the agent marked as having missed it. */
    private void offerFailed(ContactRuntime contact, Decision.OfferOutcome outcome) {
        AgentRuntime agent = contact.agent;
        out.add(new Decision.OfferEnded(contact.id, contact.queue.id(), agent.id, contact.offerId, outcome));
        contact.rejectedBy.add(agent.id);
        freeCapacity(contact);
        returnToQueue(contact);
        agent.missedOffers++;
        if (agent.missedOffers >= settings.missedOffersBeforeAway() && agent.state == AgentState.AVAILABLE) {
            changeState(agent, AgentState.AWAY, agent.missedOffers + " offers missed in a row");
        }
        match(contact);
        serveWaiting(agent);
    }

    private void release(ContactRuntime contact, boolean wrapUp) {
        AgentRuntime agent = contact.agent;
        freeCapacity(contact);
        contacts.remove(contact.id);
        out.add(new Decision.Released(contact.id, agent.id));
        Duration wrap = contact.queue.config.wrapUp();
        if (wrapUp && !wrap.isZero() && agent.state == AgentState.AVAILABLE) {
            withdraw(agent);
            agent.state = AgentState.WRAP_UP;
            agent.wrapUpEnds = clock + wrap.toMillis();
            schedule(agent.wrapUpEnds, Timer.Kind.WRAP_UP_END, agent.id, agent.wrapUpEnds);
            out.add(new Decision.AgentStateChanged(agent.id, AgentState.WRAP_UP, "after-contact work"));
            return;
        }
        serveWaiting(agent);
    }

    /** Takes a contact out of whatever it is doing (waiting, offered, assigned) without ending it. */
    private void detach(ContactRuntime contact) {
        switch (contact.status) {
            case WAITING -> contact.queue.removeWaiting(contact);
            case OFFERED -> {
                AgentRuntime agent = contact.agent;
                out.add(new Decision.OfferEnded(contact.id, contact.queue.id(), agent.id, contact.offerId, Decision.OfferOutcome.WITHDRAWN));
                freeCapacity(contact);
                serveWaitingLater.add(agent);
            }
            case ASSIGNED -> {
                AgentRuntime agent = contact.agent;
                freeCapacity(contact);
                out.add(new Decision.Released(contact.id, agent.id));
                serveWaitingLater.add(agent);
            }
        }
        contact.status = Status.WAITING;
    }

    private final List<AgentRuntime> serveWaitingLater = new ArrayList<>();
    /** How many ready agents a primary-first or threshold queue's new contact looks at to choose one. */
    private static final int PRIMARY_SEARCH = 64;

    private void enqueue(ContactRuntime contact, QueueRuntime queue, boolean announce) {
        QueueConfig config = queue.config;
        if (config.hours() != null && !config.hours().isOpen(Instant.ofEpochMilli(clock))
                && config.hours().outside() == QueueConfig.OutsideHours.OVERFLOW && config.overflowQueueId() != null
                && queues.containsKey(config.overflowQueueId())) {
            QueueRuntime target = queues.get(config.overflowQueueId());
            out.add(new Decision.Overflowed(contact.id, queue.id(), target.id(), Decision.OverflowReason.OUTSIDE_HOURS));
            contact.queue = queue;
            enqueue(contact, target, announce);
            return;
        }
        placeInQueue(contact, queue, announce);
        scheduleWaitingTimers(contact);
        match(contact);
        drainServeLater();
    }

    private void drainServeLater() {
        while (!serveWaitingLater.isEmpty()) {
            serveWaiting(serveWaitingLater.remove(serveWaitingLater.size() - 1));
        }
    }

    private void placeInQueue(ContactRuntime contact, QueueRuntime queue, boolean announce) {
        contact.queue = queue;
        contact.priority = queue.config.priority() + contact.request.priority();
        contact.level = queue.levelAfter(clock - contact.arrived);
        contact.queuedAt = clock;
        contact.status = Status.WAITING;
        contact.agent = null;
        queue.addWaiting(contact);
        if (announce) {
            out.add(new Decision.Queued(contact.id, queue.id(), contact.request.arrivedAt()));
        }
    }

    private void scheduleWaitingTimers(ContactRuntime contact) {
        scheduleRelaxation(contact);
        long maxWait = contact.queue.config.maxWait().toMillis();
        if (maxWait > 0) {
            schedule(contact.queuedAt + maxWait, Timer.Kind.MAX_WAIT, contact.id, contact.queuedAt);
        }
        if (contact.preferredAgentId != null && contact.preferredUntil > clock) {
            schedule(contact.preferredUntil, Timer.Kind.PREFERRED_WINDOW_END, contact.id, contact.preferredUntil);
        }
    }

    private void scheduleRelaxation(ContactRuntime contact) {
        int next = contact.level + 1;
        if (next < contact.queue.levels()) {
            schedule(contact.arrived + contact.queue.levelStarts[next], Timer.Kind.RELAXATION, contact.id, next);
        }
    }

    private void returnToQueue(ContactRuntime contact) {
        contact.status = Status.WAITING;
        contact.agent = null;
        contact.offerId = null;
        contact.level = contact.queue.levelAfter(clock - contact.arrived);
        contact.queue.addWaiting(contact);
        scheduleRelaxation(contact);
    }

    private void overflow(ContactRuntime contact, Decision.OverflowReason reason) {
        QueueRuntime from = contact.queue;
        String targetId = from.config.overflowQueueId();
        from.removeWaiting(contact);
        if (targetId == null || !queues.containsKey(targetId)) {
            abandon(contact, Decision.AbandonReason.MAX_WAIT_EXCEEDED);
            return;
        }
        out.add(new Decision.Overflowed(contact.id, from.id(), targetId, reason));
        enqueue(contact, queues.get(targetId), true);
    }

    private void abandon(ContactRuntime contact, Decision.AbandonReason reason) {
        contacts.remove(contact.id);
        out.add(new Decision.Abandoned(contact.id, contact.queue.id(), Duration.ofMillis(clock - contact.arrived), reason));
    }

    // ---------------------------------------------------------------- internals: matching

    /** Offers a waiting contact to the best ready agent, if there is one. */
    private void match(ContactRuntime contact) {
        if (!contact.queue.isOpen(clock)) {
            scheduleOpening(contact.queue);
            return;
        }
        Channel channel = contact.request.channel();
        if (contact.preferredAgentId != null && contact.preferredUntil > clock) {
            AgentRuntime preferred = agents.get(contact.preferredAgentId);
            if (preferred != null && eligible(preferred, contact) && preferred.hasSpare(channel)) {
                offer(contact, preferred);
                return;
            }
            if (preferred != null && preferred.state != AgentState.OFFLINE) {
                return;
            }
        }
        AgentSelection selection = contact.queue.selection;
        AgentRuntime chosen = null;
        AgentRuntime fallback = null;
        boolean chosenPrimary = false;
        int chosenCover = Integer.MIN_VALUE;
        int walked = 0;
        // Skips the agents that already missed this contact. A primary-first or threshold queue walks
        // a bounded number of ready agents, so the walk stays short on a large center.
        for (AgentRuntime agent : contact.queue.ready(contact.level, channel)) {
            if (contact.rejectedBy.contains(agent.id)) {
                if (fallback == null) {
                    fallback = agent;
                }
                continue;
            }
            if (selection == AgentSelection.OLDEST_FIRST) {
                offer(contact, agent);
                return;
            }
            boolean primary = contact.queue.members.get(agent).primary();
            if (selection == AgentSelection.THRESHOLD) {
                if (primary) {
                    offer(contact, agent);
                    return;
                }
                if (chosen == null) {
                    chosen = agent;
                }
            } else {
                // Primary first sends the contact to the agent whose departure leaves their other
                // queues the most cover, so that each queue keeps someone ready; a primary agent on a tie.
                int cover = coverLeftBehind(agent, contact.queue, channel);
                if (chosen == null || cover > chosenCover || (cover == chosenCover && primary && !chosenPrimary)) {
                    chosen = agent;
                    chosenCover = cover;
                    chosenPrimary = primary;
                }
            }
            if (++walked >= PRIMARY_SEARCH) {
                break;
            }
        }
        if (chosen != null) {
            // A threshold queue with only secondary agents ready waits for its own unless it is behind.
            if (selection != AgentSelection.THRESHOLD || chosenPrimary || contact.queue.behindTarget()) {
                offer(contact, chosen);
            }
            return;
        }
        // Every ready agent has missed this contact before. Offer it again only when no other
        // eligible agent is logged in to take it later; otherwise it waits for one of them.
        if (fallback != null && !anotherEligibleAgentIsPresent(contact)) {
            offer(contact, fallback);
        }
    }

    /**
     * The fewest ready agents (less the contacts waiting) among the agent's other queues, at the level
     * the agent joins each: how well those queues stay covered if this agent takes the contact.
     */
    private static int coverLeftBehind(AgentRuntime agent, QueueRuntime except, Channel channel) {
        int cover = Integer.MAX_VALUE;
        for (AgentRuntime.Membership m : agent.memberships) {
            QueueRuntime queue = m.queue();
            if (queue != except) {
                cover = Math.min(cover, queue.ready(m.minLevel(), channel).size() - queue.waitingCount);
            }
        }
        return cover;
    }

    /** The one walk over a queue's members; reached only when every ready agent has missed the contact. */
    private boolean anotherEligibleAgentIsPresent(ContactRuntime contact) {
        for (AgentRuntime agent : contact.queue.members.keySet()) {
            if (!contact.rejectedBy.contains(agent.id) && agent.state != AgentState.OFFLINE && agent.state != AgentState.AWAY
                    && eligible(agent, contact) && agent.profile.capacityFor(contact.request.channel()) > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean eligible(AgentRuntime agent, ContactRuntime contact) {
        AgentRuntime.Membership membership = contact.queue.members.get(agent);
        return membership != null && membership.minLevel() <= contact.level;
    }

    /**
     * Gives a ready agent the best waiting contacts it can take, while it has room: the lowest tier
     * of their queues' {@link AgentSelection} first, then service order.
     */
    private void serveWaiting(AgentRuntime agent) {
        while (agent.state == AgentState.AVAILABLE && agent.hasAnySpare()) {
            ContactRuntime best = null;
            int bestTier = Integer.MAX_VALUE;
            for (AgentRuntime.Membership m : agent.memberships) {
                QueueRuntime queue = m.queue();
                if (queue.waitingCount == 0 || !queue.isOpen(clock)) {
                    continue;
                }
                int floor = tierFloor(queue, m.primary());
                if (floor == Integer.MAX_VALUE || floor > bestTier) {
                    continue;
                }
                for (Channel channel : Channel.values()) {
                    if (!agent.hasSpare(channel)) {
                        continue;
                    }
                    for (int level = m.minLevel(); level < queue.levels(); level++) {
                        ContactRuntime candidate = firstTakeable(queue.waiting(level, channel), agent);
                        if (candidate == null) {
                            continue;
                        }
                        int tier = floor == RESCUE && !queue.atRisk(clock - candidate.arrived) ? SECONDARY : floor;
                        if (best == null || tier < bestTier || (tier == bestTier && QueueRuntime.SERVICE_ORDER.compare(candidate, best) < 0)) {
                            best = candidate;
                            bestTier = tier;
                        }
                    }
                }
            }
            if (best == null) {
                return;
            }
            offer(best, agent);
        }
    }

    /** A primary-first queue's contact at risk of missing its threshold, for an agent it is secondary to. */
    private static final int RESCUE = -1;
    /** Plain service order: any contact of an oldest-first queue, or of the agent's primary queues. */
    private static final int PLAIN = 0;
    /** After the agent's primary queues' contacts. */
    private static final int SECONDARY = 1;

    /**
     * The best tier a queue's contacts can have for this agent; {@code MAX_VALUE}: not now. A secondary
     * queue of primary-first selection starts at {@link #RESCUE}, which only its contacts at risk keep.
     */
    private static int tierFloor(QueueRuntime queue, boolean primary) {
        return switch (queue.selection) {
            case OLDEST_FIRST -> PLAIN;
            case PRIMARY_FIRST -> primary ? PLAIN : RESCUE;
            case THRESHOLD -> primary ? PLAIN : queue.behindTarget() ? SECONDARY : Integer.MAX_VALUE;
        };
    }

    private ContactRuntime firstTakeable(Iterable<ContactRuntime> waiting, AgentRuntime agent) {
        for (ContactRuntime contact : waiting) {
            boolean reservedForAnother = contact.preferredAgentId != null && contact.preferredUntil > clock
                    && !contact.preferredAgentId.equals(agent.id) && agents.containsKey(contact.preferredAgentId)
                    && agents.get(contact.preferredAgentId).state != AgentState.OFFLINE;
            if (!reservedForAnother && !contact.rejectedBy.contains(agent.id)) {
                return contact;
            }
        }
        return null;
    }

    private void offer(ContactRuntime contact, AgentRuntime agent) {
        if (contact.attempts == 0) {
            contact.queue.recordOffered(clock - contact.arrived);
        }
        contact.queue.removeWaiting(contact);
        withdraw(agent);
        agent.lastOffer = ++offers;
        takeCapacity(contact, agent);
        contact.status = Status.OFFERED;
        contact.attempts++;
        contact.offerId = contact.id + "#" + contact.attempts;
        contact.offerExpires = clock + contact.queue.config.offerTimeout().toMillis();
        schedule(contact.offerExpires, Timer.Kind.OFFER_EXPIRY, contact.id, contact.attempts);
        out.add(new Decision.Offered(contact.id, contact.queue.id(), agent.id, contact.offerId,
                Instant.ofEpochMilli(contact.offerExpires)));
    }

    private void takeCapacity(ContactRuntime contact, AgentRuntime agent) {
        withdraw(agent);
        agent.active[contact.request.channel().ordinal()]++;
        agent.totalActive++;
        agent.contacts.add(contact);
        contact.agent = agent;
        list(agent);
    }

    private void freeCapacity(ContactRuntime contact) {
        AgentRuntime agent = contact.agent;
        withdraw(agent);
        agent.active[contact.request.channel().ordinal()]--;
        agent.totalActive--;
        agent.contacts.remove(contact);
        agent.idleSince = clock;
        contact.agent = null;
        list(agent);
    }

    /** Takes the agent out of every ready set, so that its sort keys may change. */
    private void withdraw(AgentRuntime agent) {
        if (!agent.listed) {
            return;
        }
        for (AgentRuntime.Membership m : agent.memberships) {
            for (Channel channel : Channel.values()) {
                m.queue().removeReady(agent, m.minLevel(), channel);
            }
        }
        agent.listed = false;
    }

    /** Puts the agent in the ready sets of every queue level and channel it has room for. */
    private void list(AgentRuntime agent) {
        if (agent.listed || agent.state != AgentState.AVAILABLE) {
            return;
        }
        for (AgentRuntime.Membership m : agent.memberships) {
            for (Channel channel : Channel.values()) {
                if (agent.hasSpare(channel)) {
                    m.queue().addReady(agent, m.minLevel(), channel);
                }
            }
        }
        agent.listed = true;
    }

    private void join(AgentRuntime agent, QueueRuntime queue) {
        int level = queue.minLevel(agent.profile);
        if (level >= 0) {
            AgentRuntime.Membership membership = new AgentRuntime.Membership(queue, level, queue.score(agent.profile),
                    queue.isPrimaryFor(agent.profile));
            queue.members.put(agent, membership);
            agent.memberships.add(membership);
        }
    }

    /** A closed queue with waiting contacts gets one timer, at its next opening. */
    private void scheduleOpening(QueueRuntime queue) {
        if (queue.opensAt > clock || queue.config.hours() == null) {
            return;
        }
        queue.config.hours().nextOpening(Instant.ofEpochMilli(clock)).ifPresent(opens -> {
            queue.opensAt = opens.toEpochMilli();
            schedule(queue.opensAt, Timer.Kind.QUEUE_OPENS, queue.id(), queue.opensAt);
        });
    }

    /** The queue opened: its waiting contacts, in service order, go to the ready agents. */
    private void opened(QueueRuntime queue) {
        if (!queue.isOpen(clock)) {
            scheduleOpening(queue);
            return;
        }
        for (ContactRuntime contact : queue.waitingInOrder()) {
            if (contact.status == Status.WAITING && contact.queue == queue) {
                match(contact);
            }
        }
    }

    private void schedule(long at, Timer.Kind kind, String ref, long token) {
        timers.add(new Timer(at, sequence++, kind, ref, token));
    }

    // ---------------------------------------------------------------- internals: lookups and validation

    private ContactRuntime offered(String contactId, String offerId, String agentId) {
        ContactRuntime contact = contactOf(contactId);
        if (contact.status == Status.WAITING || contact.offerId == null || !contact.offerId.equals(offerId)) {
            throw new RoutingException("offer " + offerId + " is not open for contact " + contactId);
        }
        if (contact.agent == null || !contact.agent.id.equals(agentId)) {
            throw new RoutingException("offer " + offerId + " belongs to another agent than " + agentId);
        }
        if (contact.status == Status.ASSIGNED) {
            throw new RoutingException("offer " + offerId + " was already accepted");
        }
        return contact;
    }

    private ContactRuntime contactOf(String contactId) {
        ContactRuntime contact = contacts.get(contactId);
        if (contact == null) {
            throw new RoutingException("unknown contact " + contactId);
        }
        return contact;
    }

    private QueueRuntime queueOf(String queueId) {
        QueueRuntime queue = queues.get(queueId);
        if (queue == null) {
            throw new RoutingException("unknown queue " + queueId);
        }
        return queue;
    }

    private AgentRuntime agentOf(String agentId) {
        AgentRuntime agent = agents.get(agentId);
        if (agent == null) {
            throw new RoutingException("unknown agent " + agentId);
        }
        return agent;
    }

    private void validate(AgentProfile profile) {
        if (profile.tenants().isEmpty()) {
            throw new RoutingException("agent " + profile.id() + " serves no tenant");
        }
        profile.skills().forEach((skill, level) -> {
            requireKnownSkill(skill, "agent " + profile.id());
            requireProficiency(level, "agent " + profile.id() + " skill " + skill);
        });
        profile.capacity().forEach((channel, slots) -> {
            if (slots == null || slots < 0) {
                throw new RoutingException("agent " + profile.id() + " has a negative capacity for " + channel);
            }
        });
    }

    private void validate(QueueConfig config) {
        if (config.id() == null || config.id().isBlank() || config.tenant() == null || config.tenant().isBlank()) {
            throw new RoutingException("a queue needs an id and a tenant");
        }
        config.requiredSkills().forEach((skill, level) -> {
            requireKnownSkill(skill, "queue " + config.id());
            requireProficiency(level, "queue " + config.id() + " skill " + skill);
        });
        Duration previous = Duration.ZERO;
        Set<String> remaining = new HashSet<>(config.requiredSkills().keySet());
        for (QueueConfig.Relaxation step : config.relaxation()) {
            if (step.after() == null || step.after().compareTo(previous) <= 0) {
                throw new RoutingException("queue " + config.id() + ": relaxation steps must come at increasing, positive times");
            }
            if (!remaining.contains(step.skill())) {
                throw new RoutingException("queue " + config.id() + ": relaxation of skill " + step.skill() + " which the queue does not require");
            }
            if (step.minimum() == null) {
                remaining.remove(step.skill());
            } else {
                requireProficiency(step.minimum(), "queue " + config.id() + " relaxed " + step.skill());
            }
            previous = step.after();
        }
        if (config.offerTimeout().isNegative() || config.offerTimeout().isZero()) {
            throw new RoutingException("queue " + config.id() + ": the offer timeout must be positive");
        }
        String next = config.overflowQueueId();
        Set<String> seen = new HashSet<>(Set.of(config.id()));
        while (next != null) {
            if (!seen.add(next)) {
                throw new RoutingException("queue " + config.id() + ": overflow cycle through " + next);
            }
            QueueRuntime target = queues.get(next);
            if (target != null && !target.config.tenant().equals(config.tenant())) {
                throw new RoutingException("queue " + config.id() + ": overflow to queue " + next + " of another tenant");
            }
            next = target == null ? null : target.config.overflowQueueId();
        }
    }

    private void requireKnownSkill(String skill, String where) {
        if (!skills.contains(skill)) {
            throw new RoutingException(where + " uses unknown skill " + skill);
        }
    }

    private static void requireProficiency(Integer level, String where) {
        if (level == null || level < 1 || level > 5) {
            throw new RoutingException(where + ": proficiency must be 1 to 5 but was " + level);
        }
    }
}
