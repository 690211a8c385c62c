package io.switchboard.voice.media;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.AudioLeg;

/**
 * Plays μ-law prompts as RTP, 20 ms (160 samples) a packet, to every leg that is playing, from one
 * timer thread. A prompt plays once or loops (queue audio) until stopped or replaced. The audio comes
 * from the {@link PromptStore}.
 */
@ApplicationScoped
public class PromptPlayer {

    private static final int FRAME = 160;
    private static final Logger LOG = Logger.getLogger(PromptPlayer.class);

    private final Map<AudioLeg, Playback> playing = new ConcurrentHashMap<>();
    private final PromptStore prompts;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "prompt-player");
        thread.setDaemon(true);
        return thread;
    });

    public PromptPlayer(PromptStore prompts) {
        this.prompts = prompts;
        timer.scheduleAtFixedRate(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** Starts {@code prompt} on {@code leg} (replacing what it played) in the leg's codec; {@code done} runs when a single play ends. */
    public void play(AudioLeg leg, String prompt, int payloadType, boolean loop, Runnable done) {
        byte[] audio = prompts.audio(prompt).orElse(null);
        if (audio == null) {
            // Deleted between the IVR's look-up and now: nothing to hear, the flow goes on as after it.
            LOG.warnf("prompt %s is gone; playing nothing in its place", prompt);
            audio = new byte[0];
            loop = false;
        }
        if (payloadType == Rtp.PCMA) {
            audio = G711.ulawToAlaw(audio);
        }
        playing.put(leg, new Playback(prompt, audio, payloadType, loop, done));
    }

    public void stop(AudioLeg leg) {
        playing.remove(leg);
    }

    public boolean isPlaying(AudioLeg leg) {
        return playing.containsKey(leg);
    }

    /** The prompt the leg hears now, if any. */
    public Optional<String> playing(AudioLeg leg) {
        return Optional.ofNullable(playing.get(leg)).map(playback -> playback.name);
    }

    private void tick() {
        playing.forEach((leg, playback) -> {
            if (!playback.next((MediaLeg) leg)) {
                playing.remove(leg, playback);
                playback.done.run();
            }
        });
    }

    @PreDestroy
    void shutdown() {
        timer.shutdownNow();
    }

    private static final class Playback {
        final String name;
        final byte[] audio;
        final int payloadType;
        final boolean loop;
        final Runnable done;
        final int ssrc = ThreadLocalRandom.current().nextInt();
        final byte[] packet = new byte[Rtp.HEADER + FRAME];
        int position;
        int sequence = ThreadLocalRandom.current().nextInt(0xFFFF);
        long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
        boolean first = true;

        Playback(String name, byte[] audio, int payloadType, boolean loop, Runnable done) {
            this.name = name;
            this.audio = audio;
            this.payloadType = payloadType;
            this.loop = loop;
            this.done = done == null ? () -> { } : done;
        }

        /** Sends one frame; false when a single play has finished. */
        boolean next(MediaLeg leg) {
            if (position >= audio.length) {
                if (!loop) {
                    return false;
                }
                position = 0;
            }
            int n = Math.min(FRAME, audio.length - position);
            Rtp.header(packet, payloadType, first, sequence++ & 0xFFFF, timestamp, ssrc);
            System.arraycopy(audio, position, packet, Rtp.HEADER, n);
            // A short last frame is padded with silence (0xFF in μ-law, 0xD5 in A-law).
            Arrays.fill(packet, Rtp.HEADER + n, packet.length, payloadType == Rtp.PCMA ? (byte) 0xD5 : (byte) 0xFF);
            leg.send(packet, packet.length);
            position += FRAME;
            timestamp += FRAME;
            first = false;
            return true;
        }
    }
}
