package io.switchboard.admin.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;

class ConfigValidatorTest {

    private static QueueSettings queue(Map<String, Integer> skills, String overflow, int maxWait) {
        return new QueueSettings("Q", skills, 0, 20, 80, null, 0, 20, maxWait, overflow, List.of(), List.of(), null, null, false,
                List.of(), 0, List.of(), List.of());
    }

    @Test
    void overflowCyclesAreNamedHopByHop() {
        assertThatThrownBy(() -> ConfigValidator.queue("a", queue(Map.of(), "b", 60), Set.of(), Map.of("b", "c", "c", "a")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.errors()).contains(new FieldError("overflowQueueId", "overflow cycle: a → b → c → a")));
        java.util.Map<String, String> open = new java.util.HashMap<>(Map.of("b", "c"));
        open.put("c", null);
        ConfigValidator.queue("a", queue(Map.of(), "b", 60), Set.of(), open);
    }

    @Test
    void wrapUpDispositionsCannedResponsesAndHolidaysAreCheckedFieldByField() {
        QueueSettings bad = new QueueSettings("Q", Map.of(), 0, 20, 80, null, 0, 20, 0, null, List.of(), List.of(), null, null, false,
                List.of(new io.switchboard.events.QueueConfigured.Holiday(java.time.LocalDate.of(2026, 12, 25), "Christmas")), 7200,
                List.of(new io.switchboard.events.QueueConfigured.Disposition("sold", "Sold"),
                        new io.switchboard.events.QueueConfigured.Disposition("CALLBACK", "Call back"),
                        new io.switchboard.events.QueueConfigured.Disposition("CALLBACK", "Again")),
                List.of(new io.switchboard.events.QueueConfigured.CannedResponse("Hi", "Hello!"),
                        new io.switchboard.events.QueueConfigured.CannedResponse("Hi", "Hello again!")));
        assertThatThrownBy(() -> ConfigValidator.queue("q", bad, Set.of(), Map.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("holidays", "wrapUpSeconds", "dispositions[0].code", "dispositions[2].code",
                                "cannedResponses[1].title"));
        var christmas = new io.switchboard.events.QueueConfigured.Holiday(java.time.LocalDate.of(2026, 12, 25), "Christmas");
        assertThatThrownBy(() -> ConfigValidator.tenant(new TenantSettings("T", "Europe/London", "GB", null, null, List.of(),
                List.of(christmas, christmas), "x".repeat(1001)), Set.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("holidays[1]", "closedMessage"));
    }

    @Test
    void overlappingOpeningsAreRefused() {
        List<Opening> hours = List.of(new Opening(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
                new Opening(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(18, 0)),
                new Opening(DayOfWeek.TUESDAY, LocalTime.of(11, 0), LocalTime.of(18, 0)));
        assertThatThrownBy(() -> ConfigValidator.tenant(new TenantSettings("T", "Europe/London", "GB", null, null, hours, List.of(), null), Set.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("businessHours[1]", "overlaps businessHours[0] on Monday")));
    }

    @Test
    void entryPointsAreStoredAsTheirChannelWritesThem() {
        assertThat(ConfigValidator.entryPoint(new EntryPointSettings(Channel.EMAIL, " Support@Acme.Example ", "q"), "GB", Set.of("q"))
                .address()).isEqualTo("support@acme.example");
        assertThat(ConfigValidator.entryPoint(new EntryPointSettings(Channel.SMS, "07911 123456", "q"), "GB", Set.of("q")).address())
                .isEqualTo("+447911123456");
        assertThat(ConfigValidator.entryPoint(new EntryPointSettings(Channel.SOCIAL, "WhatsApp:100000000000001", "q"), "GB",
                Set.of("q")).address()).isEqualTo("whatsapp:100000000000001");
        assertThatThrownBy(() -> ConfigValidator.entryPoint(new EntryPointSettings(Channel.SOCIAL, "acme page", "q"), "GB", Set.of("q")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.message()).contains("platform:id")));
        assertThatThrownBy(() -> ConfigValidator.entryPoint(new EntryPointSettings(Channel.CHAT, "bad widget!", "nope"), "GB", Set.of("q")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("address", "queueId"));
    }

    @Test
    void aQueueNoAgentCanServeIsWarnedAboutUnlessRelaxationReachesOne() {
        AgentConfigured bob = new AgentConfigured(java.util.UUID.randomUUID(), "t", Instant.EPOCH, "bob", "Bob", List.of("t"),
                Map.of("loans", 2), Map.of(Channel.VOICE, 1), false, true);
        QueueSettings strict = queue(Map.of("loans", 4), null, 0);
        assertThat(QueueCoverage.warnings("t", strict, List.of(bob))).singleElement().asString().contains("loans ≥ 4");
        QueueSettings relaxing = new QueueSettings("Q", Map.of("loans", 4), 0, 20, 80, null, 0, 20, 0, null,
                List.of(new QueueSettings.Relaxation(60, "loans", 2)), List.of(), null, null, false, List.of(), 0, List.of(), List.of());
        assertThat(QueueCoverage.warnings("t", relaxing, List.of(bob))).isEmpty();
        assertThat(QueueCoverage.warnings("other", relaxing, List.of(bob))).hasSize(1);
    }

    @Test
    void theReconcileRetiresAgentsGoneFromKeycloakAndSkipsTheUnchanged() {
        AgentSettings alice = new AgentSettings("alice", "Alice", "Adams", "a@x.example", AgentSettings.Role.AGENT, true,
                List.of("t"), Map.of("billing", 5), null, false);
        AgentConfigured published = ConfigSnapshots.agent(alice, Instant.EPOCH);
        AgentConfigured gone = ConfigSnapshots.agent(new AgentSettings("gone", "G", "One", "g@x.example", AgentSettings.Role.AGENT,
                true, List.of("t"), Map.of(), null, false), Instant.EPOCH);
        List<AgentConfigured> changes = AgentReconciler.changes(List.of(alice), Map.of("alice", published, "gone", gone), Instant.now());
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.agentId()).isEqualTo("gone");
            assertThat(c.active()).isFalse();
        });
        AgentSettings disabled = new AgentSettings("alice", "Alice", "Adams", "a@x.example", AgentSettings.Role.AGENT, false,
                List.of("t"), Map.of("billing", 5), null, false);
        assertThat(AgentReconciler.changes(List.of(disabled), Map.of("alice", published), Instant.now()))
                .singleElement().satisfies(c -> assertThat(c.active()).isFalse());
    }
}
