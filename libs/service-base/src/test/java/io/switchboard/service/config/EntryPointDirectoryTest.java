package io.switchboard.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;

class EntryPointDirectoryTest {

    private final EntryPointDirectory emails = new EntryPointDirectory(Channel.EMAIL, a -> a.strip().toLowerCase(Locale.ROOT)) {
    };

    @Test
    void knowsTheChannelsEntryPointsOfEveryTenantAndNothingElse() {
        assertThat(emails.loaded()).isFalse();
        emails.accept(tenant("acme-bank", new TenantConfigured.EntryPoint(Channel.EMAIL, "Support@Acme-Bank.example", "billing"),
                new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing")));

        assertThat(emails.loaded()).as("a tenant's configuration, while the topic is still being read").isFalse();
        emails.markLoaded();
        assertThat(emails.loaded()).isTrue();
        assertThat(emails.lookup(" SUPPORT@acme-bank.example")).contains(
                new EntryPointRoute("acme-bank", "Name of acme-bank", "support@acme-bank.example"));
        assertThat(emails.lookup("widget-acme")).isEmpty();
        assertThat(emails.lookup(null)).isEmpty();
    }

    @Test
    void aTenantsNewConfigurationReplacesItsOldOneWhole() {
        emails.apply(tenant("acme-bank", new TenantConfigured.EntryPoint(Channel.EMAIL, "old@acme-bank.example", "billing")));
        emails.apply(tenant("globex", new TenantConfigured.EntryPoint(Channel.EMAIL, "help@globex.example", "bookings")));
        emails.apply(tenant("acme-bank", new TenantConfigured.EntryPoint(Channel.EMAIL, "new@acme-bank.example", "billing")));

        assertThat(emails.lookup("old@acme-bank.example")).isEmpty();
        assertThat(emails.lookup("new@acme-bank.example")).isPresent();
        assertThat(emails.lookup("help@globex.example")).isPresent();
    }

    /** The catch-up hands the directory the latest version; the service's consumer then replays the topic from its start. */
    @Test
    void anOlderConfigurationReadAfterANewerOneChangesNothing() {
        emails.apply(tenant("acme-bank", Instant.parse("2026-01-02T00:00:00Z"),
                new TenantConfigured.EntryPoint(Channel.EMAIL, "support@acme-bank.example", "billing")));
        emails.markLoaded();
        emails.apply(tenant("acme-bank", Instant.parse("2026-01-01T00:00:00Z")));

        assertThat(emails.lookup("support@acme-bank.example")).as("after a replay of the tenant's first, empty version").isPresent();
        emails.apply(tenant("acme-bank", Instant.parse("2026-01-03T00:00:00Z")));
        assertThat(emails.lookup("support@acme-bank.example")).as("after a newer version without it").isEmpty();
    }

    private static TenantConfigured tenant(String id, TenantConfigured.EntryPoint... entryPoints) {
        return tenant(id, Instant.parse("2026-01-01T00:00:00Z"), entryPoints);
    }

    private static TenantConfigured tenant(String id, Instant at, TenantConfigured.EntryPoint... entryPoints) {
        return new TenantConfigured(UUID.randomUUID(), id, at, "Name of " + id, "UTC", "GB", null, "general", List.of(entryPoints));
    }
}
