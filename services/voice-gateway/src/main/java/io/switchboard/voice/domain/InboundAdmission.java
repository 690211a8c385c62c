package io.switchboard.voice.domain;

import java.util.Optional;

import io.switchboard.service.config.EntryPointRoute;
import io.switchboard.voice.domain.port.BrokerLink;

/** Whether a trunk's INVITE for a dialled number can become a call here, before any media is opened. */
public final class InboundAdmission {

    /** The verdict; {@code route} is present only when {@code ADMITTED}. */
    public record Verdict(Kind kind, Optional<EntryPointRoute> route) {
    }

    public enum Kind {
        ADMITTED,
        /** Not one of the tenants' DIDs (404). */
        UNKNOWN_NUMBER,
        /** The tenants' configuration has not loaded yet (503). */
        NOT_READY,
        /** The broker does not take events now, so the call's contact could not be announced (503 with Retry-After). */
        BROKER_AWAY,
        /** {@code max-calls} are in progress (503 with Retry-After). */
        FULL
    }

    private final VoiceDirectory directory;
    private final CallRegistry calls;
    private final BrokerLink broker;
    private final int maxCalls;

    public InboundAdmission(VoiceDirectory directory, CallRegistry calls, BrokerLink broker, int maxCalls) {
        this.directory = directory;
        this.calls = calls;
        this.broker = broker;
        this.maxCalls = maxCalls;
    }

    public Verdict admit(String dialled) {
        Optional<EntryPointRoute> route = dialled == null ? Optional.empty() : directory.lookup(dialled);
        if (route.isEmpty()) {
            return new Verdict(directory.loaded() ? Kind.UNKNOWN_NUMBER : Kind.NOT_READY, Optional.empty());
        }
        if (!broker.up()) {
            return new Verdict(Kind.BROKER_AWAY, Optional.empty());
        }
        if (calls.size() >= maxCalls) {
            return new Verdict(Kind.FULL, Optional.empty());
        }
        return new Verdict(Kind.ADMITTED, route);
    }

    public int inProgress() {
        return calls.size();
    }
}
