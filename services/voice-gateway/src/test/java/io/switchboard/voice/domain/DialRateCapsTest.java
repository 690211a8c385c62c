package io.switchboard.voice.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The caps on calls to the public network: per agent, per tenant, refilled over time. */
class DialRateCapsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void anAgentGetsTheirCapPerMinuteThenIsRefusedUntilItRefills() {
        DialRateCaps caps = new DialRateCaps(10, 60, 100);
        IntStream.range(0, 10).forEach(i -> assertThat(caps.take("acme", "alice", NOW)).as("call %d", i).isEmpty());
        assertThat(caps.take("acme", "alice", NOW)).contains(DialRefusal.Reason.AGENT_RATE);
        assertThat(caps.take("acme", "bob", NOW)).as("another agent has their own").isEmpty();
        assertThat(caps.take("globex", "alice", NOW)).as("the same id in another tenant is another agent").isEmpty();
        assertThat(caps.take("acme", "alice", NOW.plusSeconds(5))).as("less than one call's worth refilled").contains(DialRefusal.Reason.AGENT_RATE);
        assertThat(caps.take("acme", "alice", NOW.plusSeconds(7))).as("10 a minute: one every 6 s").isEmpty();
    }

    @Test
    void aTenantsAgentsTogetherStopAtTheTenantsCap() {
        DialRateCaps caps = new DialRateCaps(10, 25, 100);
        long placed = IntStream.range(0, 30).mapToObj(i -> caps.take("acme", "agent-" + i, NOW)).filter(Optional::isEmpty).count();
        assertThat(placed).isEqualTo(25);
        assertThat(caps.take("acme", "agent-99", NOW)).contains(DialRefusal.Reason.TENANT_RATE);
        assertThat(caps.take("globex", "agent-99", NOW)).as("other tenants are not affected").isEmpty();
        assertThat(caps.take("acme", "agent-99", NOW.plusSeconds(60))).isEmpty();
    }

    @Test
    void anAgentOverTheirCapDoesNotUseUpTheTenants() {
        DialRateCaps caps = new DialRateCaps(2, 3, 100);
        IntStream.range(0, 20).forEach(i -> caps.take("acme", "mallory", NOW));
        assertThat(caps.take("acme", "alice", NOW)).isEmpty();
    }
}
