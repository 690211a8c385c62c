package io.switchboard.local;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Agents working their inboxes through the agent desktop's API, each in a loop of their own: every offer is accepted,
 * every contact they hold is wrapped up once they have held it {@code hold}. A call that fails (the desktop away, an
 * offer that moved on) is counted and the loop goes on, as an agent's inbox would try again.
 */
final class WorkingAgents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<DesktopAgent> agents;
    private final Duration hold;
    private final ExecutorService loops;
    private final Set<String> wrappedUp = ConcurrentHashMap.newKeySet();
    private final AtomicInteger failedCalls = new AtomicInteger();
    private volatile boolean stopped;

    WorkingAgents(List<DesktopAgent> agents, Duration hold) {
        this.agents = agents;
        this.hold = hold;
        this.loops = Executors.newFixedThreadPool(agents.size());
        agents.forEach(agent -> loops.submit(() -> work(agent)));
    }

    /** The contacts an agent wrapped up (the desktop answered 204). */
    Set<String> wrappedUp() {
        return Set.copyOf(wrappedUp);
    }

    /** Calls that failed or were refused: while a service was away, or an offer that had expired. */
    int failedCalls() {
        return failedCalls.get();
    }

    private Void work(DesktopAgent agent) throws InterruptedException {
        Map<String, Instant> heldSince = new HashMap<>();
        while (!stopped) {
            try {
                var inbox = agent.send("GET", "/contacts", null);
                if (inbox.statusCode() != 200) {
                    failedCalls.incrementAndGet();
                } else {
                    for (JsonNode contact : JSON.readTree(inbox.body())) {
                        act(agent, contact, heldSince);
                    }
                }
            } catch (Exception away) {
                failedCalls.incrementAndGet();
            }
            Thread.sleep(250);
        }
        return null;
    }

    private void act(DesktopAgent agent, JsonNode contact, Map<String, Instant> heldSince) throws Exception {
        String contactId = contact.path("contactId").asText();
        switch (contact.path("status").asText()) {
            case "OFFERED" -> {
                int accepted = agent.send("POST", "/contacts/" + contactId + "/accept",
                        Map.of("offerId", contact.path("offerId").asText())).statusCode();
                if (accepted != 202) {
                    failedCalls.incrementAndGet();
                }
            }
            case "ASSIGNED" -> {
                Instant since = heldSince.computeIfAbsent(contactId, id -> Instant.now());
                if (!wrappedUp.contains(contactId) && Duration.between(since, Instant.now()).compareTo(hold) >= 0) {
                    int done = agent.send("POST", "/contacts/" + contactId + "/wrap-up", Map.of("disposition", "resolved")).statusCode();
                    if (done == 204) {
                        wrappedUp.add(contactId);
                    } else {
                        failedCalls.incrementAndGet();
                    }
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        loops.shutdown();
        loops.awaitTermination(30, TimeUnit.SECONDS);
    }
}
