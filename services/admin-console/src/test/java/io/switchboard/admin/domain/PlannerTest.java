package io.switchboard.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.switchboard.admin.domain.planner.Codec;
import io.switchboard.admin.domain.planner.ErlangB;
import io.switchboard.admin.domain.planner.IntervalPlan;
import io.switchboard.admin.domain.planner.StaffingPlanner;
import io.switchboard.admin.domain.planner.StaffingRequest;
import io.switchboard.admin.domain.planner.TrunkPlan;
import io.switchboard.admin.domain.planner.TrunkPlanner;
import io.switchboard.admin.domain.planner.TrunkRequest;

/** The planner against published values. */
class PlannerTest {

    /**
     * The textbook Erlang C example (also in shared/DOMAIN.md and Call Centre Helper's Erlang C
     * walk-through): 100 calls in 30 minutes, AHT 180 s, A = 10 Erlangs; 13 agents give 79.6% in
     * 20 s, 14 give 88.8%, so an 80/20 target needs 14 (P(wait) 17.4%, ASA 7.8 s, occupancy 71.4%).
     */
    @Test
    void erlangCStaffsTheTextbookInterval() {
        IntervalPlan plan = StaffingPlanner.plan(new StaffingRequest(30, List.of(new StaffingRequest.Interval(LocalTime.of(9, 0), 100)),
                180, 20, 80, 30, null)).get(0);
        assertThat(plan.load()).isCloseTo(10, within(1e-9));
        assertThat(plan.agents()).isEqualTo(14);
        assertThat(plan.serviceLevel()).isCloseTo(0.888, within(0.001));
        assertThat(plan.probabilityOfWaiting()).isCloseTo(0.174, within(0.001));
        assertThat(plan.averageSpeedOfAnswerSeconds()).isCloseTo(7.8, within(0.05));
        assertThat(plan.occupancy()).isCloseTo(10.0 / 14, within(1e-9));
        assertThat(plan.scheduled()).isEqualTo(20);
    }

    /** With patience known, Erlang A needs no more agents than Erlang C (callers who give up free the queue). */
    @Test
    void erlangAWithPatienceNeedsNoMoreThanErlangC() {
        IntervalPlan withPatience = StaffingPlanner.plan(new StaffingRequest(30,
                List.of(new StaffingRequest.Interval(LocalTime.of(9, 0), 100)), 180, 20, 80, 0, 120.0)).get(0);
        assertThat(withPatience.agents()).isBetween(12, 14);
        assertThat(withPatience.abandonRate()).isBetween(0.0, 0.1);
    }

    /**
     * Erlang B against the standard table (e.g. the ITU-T E.520-era tables reproduced in every
     * traffic-engineering text): at 1% blocking, 10 channels carry 4.461 E, 18 carry 10.437 E and 30
     * carry 20.337 E.
     */
    @Test
    void erlangBMatchesThePublishedTable() {
        assertThat(ErlangB.blocking(10, 4.461)).isCloseTo(0.01, within(0.0002));
        assertThat(ErlangB.blocking(18, 10.437)).isCloseTo(0.01, within(0.0002));
        assertThat(ErlangB.blocking(30, 20.337)).isCloseTo(0.01, within(0.0002));
        assertThat(ErlangB.channelsFor(10, 0.01)).isEqualTo(18);
        assertThat(ErlangB.channelsFor(20.337, 0.0101)).isEqualTo(30);
    }

    /** Cisco's voice bandwidth table: G.711 at 20 ms is 80 kb/s on IP, 87.2 on Ethernet; G.729 24 and 31.2. */
    @Test
    void trunkBandwidthCountsTheHeaders() {
        TrunkPlan g711 = TrunkPlanner.plan(new TrunkRequest(10, null, null, Codec.G711, 20, null, false));
        assertThat(g711.kbpsPerCall()).isCloseTo(80, within(1e-9));
        assertThat(g711.kbpsTotal()).isCloseTo(800, within(1e-9));
        assertThat(TrunkPlanner.plan(new TrunkRequest(1, null, null, Codec.G711, 20, null, true)).kbpsPerCall()).isCloseTo(87.2, within(1e-9));
        assertThat(TrunkPlanner.plan(new TrunkRequest(1, null, null, Codec.G729, 20, null, false)).kbpsPerCall()).isCloseTo(24, within(1e-9));
        assertThat(TrunkPlanner.plan(new TrunkRequest(1, null, null, Codec.G729, 20, null, true)).kbpsPerCall()).isCloseTo(31.2, within(1e-9));
        assertThat(TrunkPlanner.plan(new TrunkRequest(null, 10.0, 1.0, Codec.G729, 20, null, false)).channels()).isEqualTo(18);
        assertThatThrownBy(() -> TrunkPlanner.plan(new TrunkRequest(1, null, null, Codec.OPUS, 20, null, false)))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("opusKbps");
    }
}
