package io.switchboard.fax.config;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.fax.domain.DocumentCheck;
import io.switchboard.fax.domain.DocumentFetcher;
import io.switchboard.fax.domain.EventSink;
import io.switchboard.fax.domain.FaxIngest;
import io.switchboard.fax.domain.FaxReads;
import io.switchboard.fax.domain.FaxRules;
import io.switchboard.fax.domain.FaxStore;
import io.switchboard.fax.domain.NumberDirectory;
import io.switchboard.fax.domain.ReplyRefusal;

/** Wires the framework-free domain services to the adapters that implement their ports. */
@ApplicationScoped
public class DomainServices {

    @Produces
    @Singleton
    FaxRules rules(FaxConfig config) {
        Set<String> hosts = new HashSet<>(config.twilio().mediaHosts());
        return new FaxRules(config.publicUrl(), config.maxDocumentBytes(), hosts);
    }

    @Produces
    @Singleton
    FaxIngest ingest(FaxStore store, EventSink events, NumberDirectory directory, DocumentFetcher fetcher, FaxRules rules,
            FaxConfig config) {
        return new FaxIngest(store, events, directory, fetcher, new DocumentCheck(config.maxPages()), rules, Clock.systemUTC());
    }

    @Produces
    @Singleton
    FaxReads reads(FaxStore store) {
        return new FaxReads(store);
    }

    @Produces
    @Singleton
    ReplyRefusal replyRefusal() {
        return new ReplyRefusal(Clock.systemUTC());
    }
}
