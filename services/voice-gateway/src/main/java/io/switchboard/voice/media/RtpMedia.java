package io.switchboard.voice.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.MonitorMode;
import io.switchboard.voice.domain.port.AudioLeg;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.MediaUnavailableException;
import io.switchboard.voice.domain.port.Recording;

/** The call flow's media port over our RTP relay: legs from {@link MediaPorts}, prompts from {@link PromptPlayer}. */
@ApplicationScoped
public class RtpMedia implements Media {

    private static final Logger LOG = Logger.getLogger(RtpMedia.class);
    private static final MediaLeg.Sink NOBODY = (packet, length) -> { };

    private final MediaPorts ports;
    private final PromptPlayer player;
    private final Path recordings;
    private final MixClock mixes;

    public RtpMedia(MediaPorts ports, PromptPlayer player, MixClock mixes, VoiceConfig config) {
        this.ports = ports;
        this.player = player;
        this.mixes = mixes;
        this.recordings = Path.of(config.recordingsDir());
    }

    @Override
    public AudioLeg open(String name) {
        try {
            return ports.open(name);
        } catch (IOException full) {
            throw new MediaUnavailableException(full.getMessage(), full);
        }
    }

    @Override
    public void play(AudioLeg leg, String prompt, int payloadType, boolean loop, Runnable done) {
        player.play(leg, prompt, payloadType, loop, done);
    }

    @Override
    public void stop(AudioLeg leg) {
        player.stop(leg);
    }

    @Override
    public Optional<String> playing(AudioLeg leg) {
        return player.playing(leg);
    }

    @Override
    public void ignore(AudioLeg leg) {
        mixes.end((MediaLeg) leg);
        ((MediaLeg) leg).sink(NOBODY);
    }

    @Override
    public void readKeys(AudioLeg leg, int payloadType, Consumer<Character> keys) {
        mixes.end((MediaLeg) leg);
        ((MediaLeg) leg).sink(new DtmfReader(payloadType, keys));
    }

    @Override
    public void bridge(AudioLeg callerLeg, AudioLeg agentLeg, Optional<Recording> recording) {
        MediaLeg caller = (MediaLeg) callerLeg;
        MediaLeg agent = (MediaLeg) agentLeg;
        mixes.end(caller);
        mixes.end(agent);
        if (recording.isPresent() && recording.get() instanceof CallRecording files) {
            caller.sink((packet, length) -> {
                files.caller.append(packet, length);
                agent.send(packet, length);
            });
            agent.sink((packet, length) -> {
                files.agent.append(packet, length);
                caller.send(packet, length);
            });
        } else {
            caller.sink(agent::send);
            agent.sink(caller::send);
        }
    }

    @Override
    public void conference(AudioLeg callerLeg, AudioLeg agentLeg, AudioLeg supervisorLeg, int payloadType, MonitorMode mode,
            Optional<Recording> recording) {
        MediaLeg caller = (MediaLeg) callerLeg;
        MediaLeg agent = (MediaLeg) agentLeg;
        MediaLeg supervisor = (MediaLeg) supervisorLeg;
        Optional<Conference> current = mixes.of(caller).filter(mix -> mix.joins(agent, supervisor));
        if (current.isPresent()) {
            current.get().mode(mode);
            return;
        }
        mixes.end(caller);
        mixes.end(agent);
        mixes.end(supervisor);
        Conference mix = new Conference(caller, agent, supervisor, payloadType, mode);
        mix.start(recording.filter(CallRecording.class::isInstance).map(CallRecording.class::cast).orElse(null));
        mixes.add(mix);
    }

    @Override
    public Optional<Recording> record(String contactId, int payloadType) {
        try {
            return Optional.of(CallRecording.open(recordings, contactId, payloadType));
        } catch (IOException e) {
            LOG.errorf(e, "call %s is not recorded", contactId);
            return Optional.empty();
        }
    }

    /** The address our SDP names for media. */
    public String host() {
        return ports.host();
    }
}
