package io.switchboard.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;

class EntryPointReadinessTest {

    private final EntryPointDirectory texts = new EntryPointDirectory(Channel.SMS, String::strip) {
    };
    private final EntryPointDirectory mail = new EntryPointDirectory(Channel.EMAIL, String::strip) {
    };

    @Test
    void downAndSayingWhyUntilEveryDirectoryOfTheServiceHasReadTheConfiguration() {
        HealthCheckResponse before = EntryPointReadiness.of(List.of(texts, mail));
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(before.getName()).isEqualTo("entry-points");
        assertThat(before.getData()).hasValueSatisfying(data -> assertThat(data).containsKey("waiting"));

        texts.markLoaded();
        assertThat(EntryPointReadiness.of(List.of(texts, mail)).getStatus()).as("one of two read").isEqualTo(HealthCheckResponse.Status.DOWN);

        mail.markLoaded();
        HealthCheckResponse after = EntryPointReadiness.of(List.of(texts, mail));
        assertThat(after.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(after.getData()).isEmpty();
    }
}
