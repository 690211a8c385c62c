package io.switchboard.desktop.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.desktop.domain.AgentActions;
import io.switchboard.desktop.domain.CallMonitoring;
import io.switchboard.desktop.domain.Coaching;
import io.switchboard.desktop.domain.CommandBus;
import io.switchboard.desktop.domain.DesktopSettings;
import io.switchboard.desktop.domain.InboxProjector;
import io.switchboard.desktop.domain.InboxStore;
import io.switchboard.desktop.domain.OutboundCalls;
import io.switchboard.desktop.domain.Pushes;
import io.switchboard.desktop.domain.QualityMonitoring;
import io.switchboard.desktop.domain.QualityStore;
import io.switchboard.desktop.domain.WrapUps;

/**
 * Wires the plain-Java domain to its adapters: the read model ({@link InboxStore}, persistence), the
 * command bus ({@link CommandBus}, messaging), the pushes ({@link Pushes}) and the settings. The
 * domain itself knows no framework.
 */
@ApplicationScoped
public class DomainServices {

    @Produces
    @Singleton
    DesktopSettings settings(DesktopConfig config) {
        return new DesktopSettings(config.publishTimeout(), config.dispositions());
    }

    @Produces
    @Singleton
    AgentActions agentActions(InboxStore store, CommandBus commands, DesktopSettings settings) {
        return new AgentActions(store, commands, settings);
    }

    @Produces
    @Singleton
    OutboundCalls outboundCalls(InboxStore store, CommandBus commands, DesktopSettings settings) {
        return new OutboundCalls(store, commands, settings);
    }

    @Produces
    @Singleton
    WrapUps wrapUps(InboxStore store, CommandBus commands, DesktopSettings settings) {
        return new WrapUps(store, commands, settings);
    }

    @Produces
    @Singleton
    CallMonitoring callMonitoring(InboxStore store, CommandBus commands, DesktopSettings settings) {
        return new CallMonitoring(store, commands, settings);
    }

    @Produces
    @Singleton
    Coaching coaching(InboxStore store, Pushes pushes) {
        return new Coaching(store, pushes);
    }

    @Produces
    @Singleton
    QualityMonitoring qualityMonitoring(QualityStore store, Pushes pushes) {
        return new QualityMonitoring(store, pushes);
    }

    @Produces
    @Singleton
    InboxProjector inboxProjector(InboxStore store, Pushes pushes) {
        return new InboxProjector(store, pushes);
    }
}
