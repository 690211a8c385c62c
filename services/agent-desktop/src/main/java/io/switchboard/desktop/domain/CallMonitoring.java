package io.switchboard.desktop.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.switchboard.events.CallControlRequested;
import io.switchboard.events.Channel;

/**
 * A supervisor joins a live call of their tenants from the wallboard: listen (hears both, heard by
 * none), whisper (heard by the agent only) or barge (heard by both), and leaves it. The voice gateway
 * rings the supervisor's registered phone and mixes the audio; this is the gate that checks the
 * supervisor's role and tenant before the command reaches it.
 */
public class CallMonitoring {

    public enum Mode {
        LISTEN, WHISPER, BARGE, LEAVE
    }

    private final InboxStore store;
    private final CommandBus publisher;
    private final DesktopSettings settings;

    public CallMonitoring(InboxStore store, CommandBus publisher, DesktopSettings settings) {
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
    }

    public void monitor(Viewer viewer, String contactId, Mode mode) {
        if (!viewer.supervisor()) {
            throw new DesktopException.Forbidden("only a supervisor joins an agent's call");
        }
        if (mode == null) {
            throw new DesktopException.Invalid("mode is one of LISTEN, WHISPER, BARGE or LEAVE");
        }
        ContactSummary contact = store.contact(contactId).filter(c -> viewer.serves(c.tenantId()))
                .orElseThrow(() -> new DesktopException.NotFound("no contact " + contactId + " for you"));
        if (!Channel.VOICE.name().equals(contact.channel())) {
            throw new DesktopException.Conflict("listen, whisper and barge are for calls; contact " + contactId + " is "
                    + contact.channel() + " (watch it instead)");
        }
        if (mode != Mode.LEAVE && contact.status() != ContactStatus.ASSIGNED) {
            throw new DesktopException.Conflict("call " + contactId + " is " + contact.status() + ": a supervisor joins a call an agent is on");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publisher.publish(new CallControlRequested(UUID.randomUUID(), contact.tenantId(), now, contactId, viewer.agentId(),
                CallControlRequested.Action.valueOf(mode.name())), settings.publishTimeout());
    }
}
