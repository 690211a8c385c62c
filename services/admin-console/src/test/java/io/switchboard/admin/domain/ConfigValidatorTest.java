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
                List.of(christmas, christmas), "x".repeat(1001)), Set.of(), Set.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("holidays[1]", "closedMessage"));
    }

    @Test
    void overlappingOpeningsAreRefused() {
        List<Opening> hours = List.of(new Opening(DayOfWeek.MONDAY, LocalTime.of(8, 0), LocalTime.of(12, 0)),
                new Opening(DayOfWeek.MONDAY, LocalTime.of(11, 0), LocalTime.of(18, 0)),
                new Opening(DayOfWeek.TUESDAY, LocalTime.of(11, 0), LocalTime.of(18, 0)));
        assertThatThrownBy(() -> ConfigValidator.tenant(new TenantSettings("T", "Europe/London", "GB", null, null, hours, List.of(), null), Set.of(), Set.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.errors()).containsExactly(new FieldError("businessHours[1]", "overlaps businessHours[0] on Monday")));
    }

    @Test
    void entryPointsAreStoredAsTheirChannelWritesThem() {
        assertThat(ConfigValidator.entryPoint(new EntryPointSettings(Channel.EMAIL, " Support@Acme.Example ", "q"), "GB", Set.of("q"), Set.of())
                .address()).isEqualTo("support@acme.example");
        assertThat(ConfigValidator.entryPoint(new EntryPointSettings(Channel.SMS, "07911 123456", "q"), "GB", Set.of("q"), Set.of()).address())
                .isEqualTo("+447911123456");
        assertThat(ConfigValidator.entryPoint(new EntryPointSettings(Channel.SOCIAL, "WhatsApp:100000000000001", "q"), "GB",
                Set.of("q"), Set.of()).address()).isEqualTo("whatsapp:100000000000001");
        assertThatThrownBy(() -> ConfigValidator.entryPoint(new EntryPointSettings(Channel.SOCIAL, "acme page", "q"), "GB", Set.of("q"), Set.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.message()).contains("platform:id")));
        assertThatThrownBy(() -> ConfigValidator.entryPoint(new EntryPointSettings(Channel.CHAT, "bad widget!", "nope"), "GB", Set.of("q"), Set.of()))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("address", "queueId"));
    }

    @Test
    void anIvrMenuIsCheckedKeyByKeyAndBranchByBranch() {
        IvrSettings bad = new IvrSettings("missing", List.of(new IvrSettings.Choice("1", "billing"), new IvrSettings.Choice("1", "loans"),
                new IvrSettings.Choice("12", "billing")), 0, "nowhere", List.of(
                        new IvrSettings.Branch(List.of(), LocalTime.of(18, 0), LocalTime.of(9, 0), "closed", "billing"),
                        new IvrSettings.Branch(List.of(DayOfWeek.SATURDAY), LocalTime.of(9, 0), LocalTime.of(13, 0), "gone", "weekend")));
        assertThatThrownBy(() -> ConfigValidator.entryPoint(new EntryPointSettings(Channel.VOICE, "+442079460000", "billing", bad), "GB",
                Set.of("billing", "loans"), Set.of("main-menu", "closed")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactlyInAnyOrder("ivr.prompt", "ivr.choices[1].key", "ivr.choices[2].key", "ivr.timeoutSeconds",
                                "ivr.timeoutQueueId", "ivr.branches[0].days", "ivr.branches[0].until", "ivr.branches[1].prompt",
                                "ivr.branches[1].queueId"));
        IvrSettings good = new IvrSettings("main-menu", List.of(new IvrSettings.Choice("1", "billing"), new IvrSettings.Choice("#", "loans")),
                null, null, List.of(new IvrSettings.Branch(List.of(DayOfWeek.SATURDAY), LocalTime.of(9, 0), LocalTime.of(13, 0), null, "loans")));
        assertThat(ConfigValidator.entryPoint(new EntryPointSettings(Channel.VOICE, "020 7946 0000", "billing", good), "GB",
                Set.of("billing", "loans"), Set.of("main-menu")).ivr().timeoutSeconds()).isEqualTo(IvrSettings.DEFAULT_TIMEOUT_SECONDS);
        assertThatThrownBy(() -> ConfigValidator.entryPoint(new EntryPointSettings(Channel.CHAT, "widget", "billing", good), "GB",
                Set.of("billing", "loans"), Set.of("main-menu")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("ivr"));
        assertThatThrownBy(() -> ConfigValidator.entryPoint(new EntryPointSettings(Channel.VOICE, "+442079460000", "billing",
                new IvrSettings("main-menu", List.of(), 8, null, List.of())), "GB", Set.of("billing"), Set.of("main-menu")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("ivr"));
    }

    @Test
    void promptsPhonePasswordsAndTheClosedPromptHaveTheirRules() {
        assertThatThrownBy(() -> ConfigValidator.prompt("Main Menu", null, 8000)).isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> ConfigValidator.prompt("closed", null, 8000)).as("a built-in name")
                .isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> ConfigValidator.prompt("long", null, 61 * 8000))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> assertThat(error.message()).contains("61 s")));
        ConfigValidator.prompt("main-menu", "For billing press 1", 60 * 8000);

        assertThatThrownBy(() -> ConfigValidator.phonePassword("alice", "short")).isInstanceOf(InvalidConfigurationException.class);
        assertThatThrownBy(() -> ConfigValidator.phonePassword("alice", "alice-is-my-password")).isInstanceOf(InvalidConfigurationException.class);
        ConfigValidator.phonePassword("alice", "correct horse battery");

        assertThatThrownBy(() -> ConfigValidator.tenant(new TenantSettings("T", "Europe/London", "GB", null, null, List.of(), List.of(),
                null, "nope"), Set.of(), Set.of("closed")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("closedPrompt"));
    }

    @Test
    void aPhonesHa1IsTheDigestOfUserRealmAndPassword() {
        // RFC 2617 section 3.5: Mufasa / testrealm@host.com / Circle Of Life.
        assertThat(PhoneCredentials.ha1("Mufasa", "testrealm@host.com", "Circle Of Life")).isEqualTo("939e7578ed9e3c518a452acee763bce9");
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
