package io.switchboard.voice.domain;

import java.time.Duration;
import java.util.Optional;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.Signalling;

/**
 * What every call does with its two legs, whichever side started it: admit it, bridge the legs (and
 * record), let one go (BYE once answered, CANCEL while ringing), and end the call with its contact.
 * Callers hold the call's monitor.
 */
public final class CallLegs {

    private final Signalling signalling;
    private final Media media;
    private final Outbox outbox;
    private final CallRegistry calls;
    private final RecordingPolicy recording;
    private final Clock clock;
    private final AttemptResults results;

    public CallLegs(Signalling signalling, Media media, Outbox outbox, CallRegistry calls, RecordingPolicy recording, Clock clock,
            AttemptResults results) {
        this.results = results;
        this.signalling = signalling;
        this.media = media;
        this.outbox = outbox;
        this.calls = calls;
        this.recording = recording;
        this.clock = clock;
    }

    /** A new call is in progress; one still up after {@code maxDuration} is hung up. */
    void admit(Call call, Duration maxDuration) {
        calls.add(call);
        clock.schedule(maxDuration, () -> hangUp(call, ContactEnded.Reason.TIMEOUT));
    }

    /** Another leg of the call (an agent's phone, an outside number), found by its Call-ID from now on. */
    void addLeg(Call call, String callId) {
        calls.agentLeg(call, callId);
    }

    /** A leg that left the call: its Call-ID no longer finds it. */
    void forgetLeg(String callId) {
        calls.forget(callId);
    }

    /** Opens the call's recording when its queue records (once per connection). */
    void startRecording(Call call) {
        if (call.recording == null && recording.records(call.tenantId, call.queueId)) {
            call.recording = media.record(call.contactId, call.payloadType).orElse(null);
        }
    }

    /**
     * Relays RTP between the legs (and into the recording, when the call is recorded); with a
     * supervisor joined, mixes the three legs as the supervisor's mode says instead.
     */
    void bridge(Call call) {
        Monitor monitor = call.monitor;
        if (monitor != null && monitor.joined) {
            media.conference(call.callerMedia, call.agentMedia, monitor.media, call.payloadType, monitor.mode,
                    Optional.ofNullable(call.recording));
        } else {
            media.bridge(call.callerMedia, call.agentMedia, Optional.ofNullable(call.recording));
        }
    }

    /** Lets the supervisor's phone go (BYE once joined, CANCEL while it rings) and closes their leg. */
    void releaseMonitor(Call call) {
        Monitor monitor = call.monitor;
        if (monitor == null) {
            return;
        }
        if (monitor.joined) {
            signalling.hangUp(monitor.callId);
        } else {
            signalling.cancel(monitor.callId);
        }
        closeMonitor(call);
    }

    /** The supervisor's leg is closed and its Call-ID forgotten (its dialog is the caller's business). */
    void closeMonitor(Call call) {
        Monitor monitor = call.monitor;
        if (monitor != null) {
            call.monitor = null;
            calls.forget(monitor.callId);
            monitor.media.close();
        }
    }

    /** Ends the agent's leg whatever it is doing: BYE once their phone answered, CANCEL while it rings (either closes its media). */
    void releaseAgentLeg(Call call) {
        if (call.agentAnswered()) {
            signalling.hangUp(call.agentCallId);
            closeAgentLeg(call);
        } else if (call.state == Call.State.RINGING) {
            cancelAgent(call);
        }
    }

    /** Ends the caller's (or, outbound, the customer's) leg: BYE once answered, CANCEL while our INVITE to the customer rings. */
    void releaseCallerLeg(Call call) {
        if (call.callerAnswered) {
            signalling.hangUp(call.callerCallId);
        } else if (call.customerRinging) {
            signalling.cancel(call.callerCallId);
        }
    }

    void cancelAgent(Call call) {
        call.agentCancelled = true;
        if (call.agentCallId != null) {
            signalling.cancel(call.agentCallId);
        }
        closeAgentLeg(call);
    }

    /**
     * Stops the agent's side: its recording and its media (the leg's dialog is the caller's business).
     * A supervisor takes part only while an agent does: their phone is released too.
     */
    void closeAgentLeg(Call call) {
        releaseMonitor(call);
        if (call.recording != null) {
            call.recording.close();
            call.recording = null;
        }
        if (call.agentMedia != null) {
            media.stop(call.agentMedia);
            call.agentMedia.close();
            call.agentMedia = null;
        }
    }

    /** Ends the call from our side (routing gave up, we could not publish it, it lasted too long): both legs go. */
    void hangUp(Call call, ContactEnded.Reason reason) {
        synchronized (call) {
            if (call.state == Call.State.ENDED) {
                return;
            }
            releaseAgentLeg(call);
            releaseCallerLeg(call);
            end(call, reason);
        }
    }

    void end(Call call, ContactEnded.Reason reason) {
        call.state = Call.State.ENDED;
        call.endedAt = clock.now();
        call.endReason = reason;
        media.stop(call.callerMedia);
        call.callerMedia.close();
        closeAgentLeg(call);
        calls.remove(call);
        if (call.transferCallId != null) {
            signalling.cancel(call.transferCallId);
        }
        if (call.transferMedia != null) {
            call.transferMedia.close();
        }
        signalling.released(call);
        results.settle(call, reason);
        if (call.published && !call.contactOver) {
            outbox.publishEnd(call, reason, call.endedAt);
        }
    }

    /**
     * The contact leaves the center now (transferred out, or the agent ended it and the caller takes the
     * survey) while the call runs on: its end is published once, here.
     */
    void endContact(Call call, ContactEnded.Reason reason) {
        call.contactOver = true;
        outbox.publishEnd(call, reason, clock.now());
    }
}
