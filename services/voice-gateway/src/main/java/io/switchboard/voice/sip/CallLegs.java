package io.switchboard.voice.sip;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.util.concurrent.ExecutorService;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactEnded;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.Call;
import io.switchboard.voice.domain.CallRegistry;
import io.switchboard.voice.domain.OpenCallJournal;
import io.switchboard.voice.domain.RecordingPolicy;
import io.switchboard.voice.media.MediaLeg;
import io.switchboard.voice.media.PromptPlayer;
import io.switchboard.voice.media.WavRecorder;
import io.switchboard.voice.messaging.CallEvents;

/**
 * What every call does with its two legs, whichever side started it: bridge them (and record), let
 * one go (BYE once answered, CANCEL while ringing), and end the call with its contact. Callers hold
 * the call's monitor.
 */
final class CallLegs {

    private static final Logger LOG = Logger.getLogger(CallLegs.class);

    private final SipStack sip;
    private final CallRegistry calls;
    private final PromptPlayer player;
    private final CallEvents events;
    private final RecordingPolicy recording;
    private final VoiceConfig config;
    private final OpenCallJournal journal;
    private final ExecutorService work;

    CallLegs(SipStack sip, CallRegistry calls, PromptPlayer player, CallEvents events, RecordingPolicy recording, VoiceConfig config,
            OpenCallJournal journal, ExecutorService work) {
        this.sip = sip;
        this.calls = calls;
        this.player = player;
        this.events = events;
        this.recording = recording;
        this.config = config;
        this.journal = journal;
        this.work = work;
    }

    /**
     * Publishes the call's contact off the SIP threads. A call that ended meanwhile publishes its end
     * right after (so the contact never stays open); a broker that refuses it hangs the call up.
     */
    void announce(Call call, Runnable publishCreated) {
        work.execute(() -> {
            try {
                publishCreated.run();
                journal.opened(call.contactId, call.tenantId);
                synchronized (call) {
                    call.published = true;
                    if (call.state == Call.State.ENDED) {
                        publishEnd(call, call.endReason, call.endedAt);
                    }
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "contact of call %s not published; hanging up", call.callerCallId);
                hangUp(call, ContactEnded.Reason.ERROR);
            }
        });
    }

    /** Opens the call's WAV recorders when its queue records (once per connection). */
    void startRecording(Call call) {
        if (!recording.records(call.tenantId, call.queueId) || !call.recordings.isEmpty()) {
            return;
        }
        try {
            Path dir = Path.of(config.recordingsDir());
            call.recordings.add(new WavRecorder(dir.resolve(call.contactId + "-caller.wav"), call.payloadType));
            call.recordings.add(new WavRecorder(dir.resolve(call.contactId + "-agent.wav"), call.payloadType));
        } catch (IOException e) {
            LOG.errorf(e, "call %s is not recorded", call.contactId);
        }
    }

    /** Relays RTP between the legs (and into the recordings, when the call is recorded). */
    void bridge(Call call) {
        MediaLeg caller = call.callerMedia;
        MediaLeg agent = call.agentMedia;
        if (call.recordings.size() == 2) {
            WavRecorder callerSide = call.recordings.get(0);
            WavRecorder agentSide = call.recordings.get(1);
            caller.sink((packet, length) -> {
                callerSide.append(packet, length);
                agent.send(packet, length);
            });
            agent.sink((packet, length) -> {
                agentSide.append(packet, length);
                caller.send(packet, length);
            });
        } else {
            caller.sink(agent::send);
            agent.sink(caller::send);
        }
    }

    /** Ends the agent's leg whatever it is doing: BYE once their phone answered, CANCEL while it rings (either closes its media). */
    void releaseAgentLeg(Call call) {
        if (call.state == Call.State.CONNECTED || call.state == Call.State.DIALING) {
            sendBye(call.agentDialog);
            closeAgentLeg(call);
        } else if (call.state == Call.State.RINGING) {
            cancelAgent(call);
        }
    }

    /** Ends the caller's (or, outbound, the customer's) leg: BYE once answered, CANCEL while our INVITE to the customer rings. */
    void releaseCallerLeg(Call call) {
        if (call.callerDialog != null) {
            sendBye(call.callerDialog);
        } else if (call.customerInvite != null) {
            cancel(call.customerInvite);
        }
    }

    void cancelAgent(Call call) {
        call.agentCancelled = true;
        if (call.agentInvite != null) {
            cancel(call.agentInvite);
        }
        closeAgentLeg(call);
    }

    void closeAgentLeg(Call call) {
        for (WavRecorder recorder : call.recordings) {
            try {
                recorder.close();
            } catch (Exception e) {
                LOG.warnf("recording of %s not closed cleanly: %s", call.contactId, e.getMessage());
            }
        }
        call.recordings.clear();
        if (call.agentMedia != null) {
            player.stop(call.agentMedia);
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
        call.endedAt = Instant.now();
        call.endReason = reason;
        player.stop(call.callerMedia);
        call.callerMedia.close();
        closeAgentLeg(call);
        calls.remove(call);
        if (call.transferInvite != null) {
            cancel(call.transferInvite);
            call.transferInvite = null;
        }
        if (call.transferMedia != null) {
            call.transferMedia.close();
        }
        if (call.published && !call.contactOver) {
            publishEnd(call, reason, call.endedAt);
        }
    }

    /**
     * Publishes the end of the call's contact off the SIP threads; only once the broker has it does
     * the journal forget the contact (a crash before that lets the next start end it again, same event id).
     */
    void publishEnd(Call call, ContactEnded.Reason reason, Instant at) {
        work.execute(() -> {
            events.ended(call, reason, at);
            journal.closed(call.contactId, call.tenantId);
        });
    }

    void sendBye(Dialog dialog) {
        if (dialog == null) {
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            dialog.sendRequest(sip.provider.getNewClientTransaction(bye));
        } catch (SipException e) {
            LOG.debugf("BYE not sent: %s", e.getMessage());
        }
    }

    /** Tells the agent's phone how the transfer it asked for (REFER) goes: a sipfrag status line in a NOTIFY (RFC 3515 §2.4.5). */
    void notifyReferrer(Call call, String status, boolean last) {
        try {
            Request notify = call.agentDialog.createRequest(Request.NOTIFY);
            notify.addHeader(sip.headers.createEventHeader("refer"));
            SubscriptionStateHeader state = sip.headers.createSubscriptionStateHeader(
                    last ? SubscriptionStateHeader.TERMINATED : SubscriptionStateHeader.ACTIVE);
            if (last) {
                state.setReasonCode("noresource");
            } else {
                state.setExpires(60);
            }
            notify.addHeader(state);
            var type = sip.headers.createContentTypeHeader("message", "sipfrag");
            type.setParameter("version", "2.0");
            notify.setContent(status, type);
            call.agentDialog.sendRequest(sip.provider.getNewClientTransaction(notify));
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.warnf("NOTIFY of call %s's transfer not sent: %s", call.contactId, e.getMessage());
        }
    }

    void cancel(ClientTransaction invite) {
        try {
            sip.provider.getNewClientTransaction(invite.createCancel()).sendRequest();
        } catch (SipException e) {
            LOG.debugf("CANCEL not sent: %s", e.getMessage());
        }
    }
}
