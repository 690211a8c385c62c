package io.switchboard.voice.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.voice.config.VoiceConfig;
import io.switchboard.voice.domain.port.AudioLeg;

/**
 * Plays μ-law prompts as RTP, 20 ms (160 samples) a packet, to every leg that is playing. A clock
 * thread ({@code media.clocks}, one by default; with more, a leg's port picks its clock) ticks every
 * 20 ms and sends each of its playing legs its next frame. The ticks keep
 * to a 20 ms grid ({@link FrameSchedule}); after a stall of more than {@value #MAX_LAG_MS} ms the
 * frames missed are skipped ({@code voice_media_frames_skipped_total}) instead of sent in a burst. A
 * prompt plays once or loops (queue audio) until stopped or replaced. The audio comes from the
 * {@link PromptStore}.
 */
@ApplicationScoped
public class PromptPlayer {

    private static final int FRAME = 160;
    private static final long PERIOD = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long MAX_LAG_MS = 60;
    private static final Logger LOG = Logger.getLogger(PromptPlayer.class);

    private final List<Clock> clocks = new ArrayList<>();
    private final PromptStore prompts;
    private final Timer ticks;
    private final Counter skippedFrames;
    private volatile boolean running = true;

    public PromptPlayer(PromptStore prompts, MeterRegistry registry, VoiceConfig config) {
        this.prompts = prompts;
        this.ticks = Timer.builder("voice.media.tick")
                .description("One 20 ms tick of a prompt clock: a frame sent to each leg of the clock that plays a prompt")
                .register(registry);
        this.skippedFrames = Counter.builder("voice.media.frames.skipped")
                .description("Prompt frames not sent because a clock fell more than 60 ms behind (per playing leg)")
                .register(registry);
        int count = Math.max(1, config.media().clocks());
        for (int i = 0; i < count; i++) {
            Clock clock = new Clock("prompt-clock-" + i);
            clocks.add(clock);
            clock.thread.start();
        }
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
        clock(leg).playing.put(leg, new Playback(prompt, audio, payloadType, loop, done));
    }

    public void stop(AudioLeg leg) {
        clock(leg).playing.remove(leg);
    }

    public boolean isPlaying(AudioLeg leg) {
        return clock(leg).playing.containsKey(leg);
    }

    /** The prompt the leg hears now, if any. */
    public Optional<String> playing(AudioLeg leg) {
        return Optional.ofNullable(clock(leg).playing.get(leg)).map(playback -> playback.name);
    }

    private Clock clock(AudioLeg leg) {
        return clocks.get(Math.floorMod(leg.localPort() / 2, clocks.size()));
    }

    @PreDestroy
    void shutdown() {
        running = false;
        clocks.forEach(clock -> LockSupport.unpark(clock.thread));
    }

    /** One clock thread and the legs it plays to. */
    private final class Clock {
        final Map<AudioLeg, Playback> playing = new ConcurrentHashMap<>();
        final Thread thread;

        Clock(String name) {
            this.thread = new Thread(this::run, name);
            this.thread.setDaemon(true);
        }

        private void run() {
            FrameSchedule schedule = new FrameSchedule(System.nanoTime() + PERIOD, PERIOD, TimeUnit.MILLISECONDS.toNanos(MAX_LAG_MS));
            int skip = 0;
            while (running) {
                long wait = schedule.due() - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                long began = System.nanoTime();
                try {
                    tick(skip);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "prompt tick failed");
                }
                long now = System.nanoTime();
                ticks.record(now - began, TimeUnit.NANOSECONDS);
                skip = schedule.advance(now);
            }
        }

        private void tick(int skip) {
            playing.forEach((leg, playback) -> {
                if (skip > 0) {
                    skippedFrames.increment(skip);
                    playback.skip(skip);
                }
                if (!playback.next((MediaLeg) leg)) {
                    playing.remove(leg, playback);
                    playback.done.run();
                }
            });
        }
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

        /**
         * Moves on by {@code frames} unsent frames: the audio and the RTP timestamp advance as if they
         * had been sent (the peer hears a gap, not a slower prompt); sequence numbers count only packets sent.
         */
        void skip(int frames) {
            long samples = (long) frames * FRAME;
            timestamp += samples;
            if (loop && audio.length > 0) {
                position = (int) ((position + samples) % (((audio.length + FRAME - 1) / FRAME) * (long) FRAME));
            } else {
                position = (int) Math.min(audio.length, position + samples);
            }
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
