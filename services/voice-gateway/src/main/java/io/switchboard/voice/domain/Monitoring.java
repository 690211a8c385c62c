package io.switchboard.voice.domain;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.MediaUnavailableException;
import io.switchboard.voice.domain.port.PendingInvite;
import io.switchboard.voice.domain.port.Signalling;
import io.switchboard.voice.domain.port.SignallingException;

/**
 * A supervisor listening to, whispering to or barging into a connected call (issue 21). Their
 * registered phone is rung and joins as a third leg; while it is joined, the legs are mixed
 * ({@link Media#conference}) instead of relayed. Switching mode changes only the mix; leaving (or the
 * supervisor hanging up) goes back to the two-party relay, and the call goes on. One supervisor per
 * call, of the call's own tenant: the inbox checks the role before it publishes; here the tenant of the
 * supervisor's phone (the console's phone credentials) must be the call's. A refused command is logged
 * and dropped: nothing is published.
 */
public final class Monitoring {

    private static final Logger LOG = Logger.getLogger(Monitoring.class);

    private final Signalling signalling;
    private final Media media;
    private final Registrar registrar;
    private final PhoneCredentials phones;
    private final CallLegs legs;
    private final Clock clock;
    private final Duration ringTimeout;

    public Monitoring(Signalling signalling, Media media, Registrar registrar, PhoneCredentials phones, CallLegs legs, Clock clock,
            Duration ringTimeout) {
        this.signalling = signalling;
        this.media = media;
        this.registrar = registrar;
        this.phones = phones;
        this.legs = legs;
        this.clock = clock;
        this.ringTimeout = ringTimeout;
    }

    /**
     * Supervisor {@code supervisorId} of {@code tenantId} asks to take part in the call in {@code mode}:
     * their phone rings, or the mode changes.
     */
    void join(Call call, String tenantId, String supervisorId, MonitorMode mode) {
        synchronized (call) {
            Optional<String> refusal = refusal(call, tenantId, supervisorId);
            if (refusal.isPresent()) {
                LOG.warnf("%s of call %s by %s refused: %s", mode, call.contactId, supervisorId, refusal.get());
                return;
            }
            Monitor monitor = call.monitor;
            if (monitor != null) {
                monitor.mode = mode;
                LOG.infof("supervisor %s switches to %s on call %s", supervisorId, mode, call.contactId);
                if (monitor.joined) {
                    remix(call);
                }
                return;
            }
            Optional<Registrar.Binding> phone = registrar.lookup(supervisorId, clock.now());
            if (phone.isEmpty()) {
                LOG.warnf("%s of call %s by %s refused: the supervisor has no registered phone", mode, call.contactId, supervisorId);
                return;
            }
            ring(call, supervisorId, mode, phone.get());
        }
    }

    /** Why the supervisor may not take part in (or switch mode on) the call now; empty when they may. */
    private Optional<String> refusal(Call call, String tenantId, String supervisorId) {
        if (call.state != Call.State.CONNECTED || call.agentMedia == null || call.contactOver) {
            return Optional.of("the call is not connected to an agent (" + call.state + ")");
        }
        if (!call.tenantId.equals(tenantId)) {
            return Optional.of("the command is for tenant " + tenantId + ", the call is " + call.tenantId + "'s");
        }
        if (supervisorId.equals(call.agentId)) {
            return Optional.of("the supervisor is the call's agent");
        }
        Optional<String> phoneTenant = phones.tenant(supervisorId);
        if (phoneTenant.isEmpty()) {
            return Optional.of("the console published no phone for " + supervisorId + ", so their tenant is unknown");
        }
        if (!phoneTenant.get().equals(call.tenantId)) {
            return Optional.of("the supervisor's phone belongs to tenant " + phoneTenant.get() + ", the call is " + call.tenantId + "'s");
        }
        if (call.monitor != null && !call.monitor.supervisorId.equals(supervisorId)) {
            return Optional.of("supervisor " + call.monitor.supervisorId + " already takes part");
        }
        return Optional.empty();
    }

    private void ring(Call call, String supervisorId, MonitorMode mode, Registrar.Binding phone) {
        AudioLeg leg;
        try {
            leg = media.open("supervisor");
        } catch (MediaUnavailableException full) {
            LOG.warnf("%s of call %s by %s refused: %s", mode, call.contactId, supervisorId, full.getMessage());
            return;
        }
        try {
            PendingInvite invite = signalling.ringSupervisor(call, supervisorId, phone.contact(), leg);
            call.monitor = new Monitor(supervisorId, invite.callId(), leg, mode);
            legs.addLeg(call, invite.callId());
            invite.send();
            String callId = invite.callId();
            clock.schedule(ringTimeout, () -> ringOut(call, callId));
            LOG.infof("supervisor %s's phone rings to %s call %s", supervisorId, mode, call.contactId);
        } catch (SignallingException e) {
            LOG.warnf("%s of call %s by %s failed: %s", mode, call.contactId, supervisorId, e.getMessage());
            if (call.monitor != null) {
                legs.forgetLeg(call.monitor.callId);
                call.monitor = null;
            }
            leg.close();
        }
    }

    /**
     * The supervisor leaves: their phone is released and the call goes back to the two-party relay.
     * Anyone else's LEAVE changes nothing.
     */
    void leave(Call call, String supervisorId) {
        synchronized (call) {
            if (call.monitor == null || !call.monitor.supervisorId.equals(supervisorId)) {
                LOG.infof("LEAVE of call %s by %s ignored: not taking part", call.contactId, supervisorId);
                return;
            }
            LOG.infof("supervisor %s leaves call %s", supervisorId, call.contactId);
            legs.releaseMonitor(call);
            remix(call);
        }
    }

    /** Whether {@code callId} is the leg of the call's supervisor (ringing or joined). */
    static boolean owns(Call call, String callId) {
        Monitor monitor = call.monitor;
        return monitor != null && monitor.callId.equals(callId);
    }

    /** The supervisor's phone answered; false when the call no longer wants it (the leg is then let go). */
    boolean answered(Call call, String callId, Optional<InetSocketAddress> audio) {
        synchronized (call) {
            Monitor monitor = call.monitor;
            if (!owns(call, callId) || call.state != Call.State.CONNECTED) {
                return false;
            }
            audio.ifPresent(monitor.media::remote);
            monitor.joined = true;
            LOG.infof("supervisor %s joined call %s (%s)", monitor.supervisorId, call.contactId, monitor.mode);
            remix(call);
            return true;
        }
    }

    /** The supervisor's phone refused, never answered, or hung up (BYE, a lost dialog): the leg goes, the call goes on. */
    void gone(Call call, String callId, String why) {
        synchronized (call) {
            if (!owns(call, callId)) {
                return;
            }
            LOG.infof("supervisor %s left call %s: %s", call.monitor.supervisorId, call.contactId, why);
            boolean joined = call.monitor.joined;
            signalling.legEnded(callId);
            legs.closeMonitor(call);
            if (joined) {
                remix(call);
            }
        }
    }

    private void ringOut(Call call, String callId) {
        synchronized (call) {
            if (owns(call, callId) && !call.monitor.joined) {
                LOG.infof("supervisor %s's phone did not answer within %s", call.monitor.supervisorId, ringTimeout);
                legs.releaseMonitor(call);
            }
        }
    }

    /** The legs as the call now needs them: mixed with the supervisor, or relayed without; on hold, RESUME does it. */
    private void remix(Call call) {
        if (call.state == Call.State.CONNECTED && call.agentMedia != null && !call.onHold()) {
            legs.bridge(call);
        }
    }
}
