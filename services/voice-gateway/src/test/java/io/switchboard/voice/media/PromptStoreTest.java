package io.switchboard.voice.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.PromptConfigured;

/** The prompt library: a tenant's recording first, else the built-in file; deleted and unusable recordings; names that are not files. */
class PromptStoreTest {

    private final PromptStore store = new PromptStore();

    @Test
    void aTenantsRecordingWinsForThatTenantOnlyAndTheBuiltInPromptOtherwise() {
        store.apply(prompt("acme-bank", "closed", new byte[] {1, 2, 3}, true));

        assertThat(store.resolve("acme-bank", "closed")).contains("acme-bank/closed");
        assertThat(store.audio("acme-bank/closed")).hasValueSatisfying(audio -> assertThat(audio).containsExactly(1, 2, 3));
        assertThat(store.resolve("globex-travel", "closed")).as("the built-in closed prompt").contains("closed.ul");
        assertThat(store.audio("closed.ul")).hasValueSatisfying(audio -> assertThat(audio.length).isGreaterThan(8000));
        assertThat(store.resolve("acme-bank", "welcome.ul")).as("a file name is a built-in one").contains("welcome.ul");
    }

    /** The console offers these names without an upload, so each must be a recording here. */
    @Test
    void everyBuiltInPromptTheContractNamesIsARecordingOfTheGateway() {
        for (String name : PromptConfigured.BUILT_IN) {
            assertThat(store.resolve("any-tenant", name)).as(name).contains(name + ".ul");
            assertThat(store.audio(name + ".ul")).as(name).hasValueSatisfying(audio -> assertThat(audio.length).isGreaterThan(4000));
        }
    }

    /**
     * The survey after a call asks with these unless the tenant recorded its own (issue 21); a campaign's
     * caller nobody was free for hears the abandoned-call message (issue 22).
     */
    @Test
    void theSurveysQuestionAndThanksAreBuiltInSpeechAndATenantsOwnQuestionWins() {
        for (String name : new String[] {"survey", "survey-thanks", "dialer-abandoned"}) {
            assertThat(store.resolve("any-tenant", name)).as(name).contains(name + ".ul");
            byte[] audio = store.audio(name + ".ul").orElseThrow();
            assertThat(audio.length).as(name + ": at least 2 s of 8 kHz samples").isGreaterThan(2 * PromptConfigured.SAMPLES_PER_SECOND);
            long sounding = 0;
            for (byte sample : audio) {
                // μ-law silence is 0xFF (and 0x7F); speech is mostly other codes.
                sounding += (sample & 0x7F) == 0x7F ? 0 : 1;
            }
            assertThat(sounding).as(name + " is not silence").isGreaterThan(audio.length / 2);
        }
        store.apply(prompt("acme-bank", "survey", new byte[] {1, 2, 3}, true));
        assertThat(store.resolve("acme-bank", "survey")).contains("acme-bank/survey");
    }

    @Test
    void anInactiveRecordingIsDeletedAndTheBuiltInOneAnswersAgain() {
        store.apply(prompt("acme-bank", "closed", new byte[] {1, 2, 3}, true));
        store.apply(new PromptConfigured(UUID.randomUUID(), "acme-bank", Instant.now(), "closed", null, null, false));
        assertThat(store.resolve("acme-bank", "closed")).contains("closed.ul");
        assertThat(store.audio("acme-bank/closed")).isEmpty();
    }

    @Test
    void unknownNamesAndNamesThatAreNotPlainFilesResolveToNothing() {
        assertThat(store.resolve("acme-bank", "never-recorded")).isEmpty();
        assertThat(store.resolve("acme-bank", "never-recorded")).as("asked again (warned once)").isEmpty();
        assertThat(store.resolve("acme-bank", "../application.properties.ul")).isEmpty();
        assertThat(store.resolve("acme-bank", "missing.ul")).isEmpty();
        assertThat(store.resolve("acme-bank", " ")).isEmpty();
    }

    @Test
    void audioThatIsNotBase64OrTooLongIsRefused() {
        store.apply(new PromptConfigured(UUID.randomUUID(), "acme-bank", Instant.now(), "broken", null, "not base64!", true));
        store.apply(prompt("acme-bank", "endless", new byte[PromptConfigured.MAX_SECONDS * PromptConfigured.SAMPLES_PER_SECOND + 1], true));
        assertThat(store.resolve("acme-bank", "broken")).isEmpty();
        assertThat(store.resolve("acme-bank", "endless")).isEmpty();
    }

    private static PromptConfigured prompt(String tenant, String name, byte[] audio, boolean active) {
        return new PromptConfigured(UUID.randomUUID(), tenant, Instant.now(), name, null, Base64.getEncoder().encodeToString(audio), active);
    }
}
