package io.switchboard.campaigns.config;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;
import io.switchboard.campaigns.domain.CallRequests;
import io.switchboard.campaigns.domain.CampaignStore;
import io.switchboard.campaigns.domain.Campaigns;
import io.switchboard.campaigns.domain.Dialler;
import io.switchboard.campaigns.domain.DiallerSettings;
import io.switchboard.campaigns.domain.DiallerStore;
import io.switchboard.campaigns.domain.Directory;
import io.switchboard.campaigns.domain.DoNotCall;
import io.switchboard.campaigns.domain.DoNotCallStore;
import io.switchboard.campaigns.domain.EventEncoder;
import io.switchboard.campaigns.domain.OutboxSignal;
import io.switchboard.campaigns.domain.Preview;
import io.switchboard.campaigns.domain.PreviewStore;
import io.switchboard.campaigns.domain.ResultStore;
import io.switchboard.campaigns.domain.Results;

/** Wires the framework-free campaign domain to the adapters that implement its ports, and the clock it reads. */
@ApplicationScoped
public class DomainServices {

    /** The time the dialler, windows and retries go by; tests replace it to pick "now". */
    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    DiallerSettings diallerSettings(CampaignsConfig config) {
        CampaignsConfig.Dialler d = config.dialler();
        return new DiallerSettings(d.lease(), d.windowRecheck(), d.lostAfter(), d.figuresMaxAge(), d.maxFetch());
    }

    @Produces
    @Singleton
    CallRequests callRequests(EventEncoder encoder) {
        return new CallRequests(encoder);
    }

    @Produces
    @Singleton
    Dialler dialler(DiallerStore store, Directory directory, CallRequests requests, OutboxSignal outbox, DiallerSettings settings,
            Clock clock, @ConfigProperty(name = "quarkus.application.name") String application) {
        // Each instance leases under its own name, so a lease it lost (it ran out) is not taken for its own.
        String instance = System.getenv().getOrDefault("HOSTNAME", application) + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new Dialler(store, directory, requests, outbox, settings, instance, clock);
    }

    @Produces
    @Singleton
    Results results(ResultStore store, Directory directory, Clock clock) {
        return new Results(store, directory, clock);
    }

    @Produces
    @Singleton
    Campaigns campaigns(CampaignStore store, Directory directory, Clock clock) {
        return new Campaigns(store, directory, clock);
    }

    @Produces
    @Singleton
    Preview preview(PreviewStore store, Directory directory, CallRequests requests, OutboxSignal outbox, DiallerSettings settings,
            Clock clock) {
        return new Preview(store, directory, requests, outbox, settings, clock);
    }

    @Produces
    @Singleton
    DoNotCall doNotCall(DoNotCallStore store, Directory directory, EventEncoder encoder, OutboxSignal outbox, Clock clock) {
        return new DoNotCall(store, directory, encoder, outbox, clock);
    }
}
