package io.switchboard.routing.engine.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class DesignHelperTest {

    private static DesignRequest request(int agents, long contacts, double... loads) {
        List<DesignRequest.ContactType> types = new java.util.ArrayList<>();
        for (int t = 0; t < loads.length; t++) {
            types.add(new DesignRequest.ContactType("type-" + t, loads[t] / 180, 180));
        }
        return new DesignRequest(3, agents, 20, 0.8, contacts, types);
    }

    @Test
    void agentsFollowTheLoadAndEachTypesSecondariesStartAChainAndSpreadOverTheOthers() {
        // Loads 20, 10, 10 Erlangs and 40 agents: 20, 10 and 10 primaries.
        List<DesignHelper.Group> groups = DesignHelper.groups(request(40, 1000, 20, 10, 10), 40);
        Map<String, Integer> primaries = groups.stream()
                .collect(Collectors.groupingBy(DesignHelper.Group::primary, Collectors.summingInt(DesignHelper.Group::count)));
        assertThat(primaries).containsExactlyInAnyOrderEntriesOf(Map.of("type-0", 20, "type-1", 10, "type-2", 10));
        assertThat(groups).contains(new DesignHelper.Group(10, "type-0", "type-1"), new DesignHelper.Group(10, "type-0", "type-2"),
                new DesignHelper.Group(5, "type-1", "type-2"), new DesignHelper.Group(5, "type-1", "type-0"),
                new DesignHelper.Group(5, "type-2", "type-0"), new DesignHelper.Group(5, "type-2", "type-1"));
        assertThat(groups).allSatisfy(g -> assertThat(g.primary()).isNotEqualTo(g.secondary()));
    }

    @Test
    void sixEqualTypesGetFourAgentsOnEveryPairOfSkills() {
        List<DesignHelper.Group> groups = DesignHelper.groups(request(60, 1000, 9, 9, 9, 9, 9, 9), 60);
        Map<java.util.Set<String>, Integer> perPair = groups.stream()
                .collect(Collectors.groupingBy(g -> java.util.Set.of(g.primary(), g.secondary()), Collectors.summingInt(DesignHelper.Group::count)));
        assertThat(perPair).hasSize(15).allSatisfy((pair, agents) -> assertThat(agents).as("agents on %s", pair).isEqualTo(4));
        assertThat(groups).allSatisfy(g -> assertThat(g.count()).isEqualTo(2));
    }

    @Test
    void theProposalComesWithinTwoPointsOfFullPoolingAndNeedsAtMostFivePercentMoreAgents() {
        // Six types of 9 Erlangs and 60 agents (ρ = 0.9), as in SimulatorTheoryTest.
        DesignHelper.Proposal proposal = DesignHelper.propose(request(60, 200_000, 9, 9, 9, 9, 9, 9));
        assertThat(proposal.agentSelection()).isEqualTo("primary-first");
        assertThat(proposal.dedicated().serviceLevel()).isLessThan(0.5);
        assertThat(proposal.proposed().serviceLevel()).isBetween(proposal.pooled().serviceLevel() - 0.02,
                proposal.pooled().serviceLevel());
        assertThat(proposal.pooledAgentsForTarget()).isEqualTo(60);
        assertThat(proposal.designAgentsForTarget()).isPositive()
                .isLessThanOrEqualTo((int) Math.floor(proposal.pooledAgentsForTarget() * 1.05));
    }

    @Test
    void aRequestThatCannotMakeADesignIsRefusedWithTheReason() {
        assertThatThrownBy(() -> request(60, 1000, 9)).hasMessageContaining("at least two contact types");
        assertThatThrownBy(() -> request(2, 1000, 9, 9, 9)).hasMessageContaining("one agent per contact type");
    }
}
