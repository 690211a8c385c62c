package io.switchboard.sms.config;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.sms.domain.AutoReplies;
import io.switchboard.sms.domain.EventSink;
import io.switchboard.sms.domain.InboundService;
import io.switchboard.sms.domain.MediaFetcher;
import io.switchboard.sms.domain.NumberDirectory;
import io.switchboard.sms.domain.ReplyService;
import io.switchboard.sms.domain.SmsGateway;
import io.switchboard.sms.domain.SmsRules;
import io.switchboard.sms.domain.SmsStore;
import io.switchboard.sms.domain.SmsSurveys;

/** Wires the framework-free domain services to the adapters that implement their ports. */
@ApplicationScoped
public class DomainServices {

    private final ExecutorService autoReplyThreads = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "sms-auto-reply");
        thread.setDaemon(true);
        return thread;
    });

    @PreDestroy
    void close() {
        autoReplyThreads.shutdown();
    }

    @Produces
    @Singleton
    SmsRules rules(SmsConfig config) {
        return new SmsRules(config.window(), config.publicUrl(), config.media().maxBytes(), config.media().maxCount(),
                config.maxSegments(), config.helpText(), config.helpTexts(), config.outbound().maxAttempts(),
                config.outbound().initialBackoff(), config.outbound().maxBackoff());
    }

    @Produces
    @Singleton
    AutoReplies autoReplies(SmsStore store, SmsGateway gateway, SmsRules rules) {
        return new AutoReplies(store, gateway, rules, Clock.systemUTC());
    }

    @Produces
    @Singleton
    InboundService inboundService(SmsStore store, EventSink events, NumberDirectory directory, MediaFetcher media,
            AutoReplies autoReplies, SmsRules rules) {
        return new InboundService(store, events, directory, media, autoReplies, autoReplyThreads, rules, Clock.systemUTC());
    }

    @Produces
    @Singleton
    SmsSurveys smsSurveys(SmsStore store, NumberDirectory directory, AutoReplies autoReplies, SmsConfig config) {
        return new SmsSurveys(store, directory, autoReplies, autoReplyThreads, config.surveyEnabled(), Clock.systemUTC());
    }

    @Produces
    @Singleton
    ReplyService replyService(SmsStore store, SmsGateway gateway, EventSink events, SmsRules rules) {
        return new ReplyService(store, gateway, events, rules, Clock.systemUTC());
    }
}
