package io.switchboard.voice.media;

import java.util.concurrent.ThreadLocalRandom;

import io.switchboard.voice.domain.MonitorMode;

/**
 * A monitored call's three legs mixed: what each peer sends is decoded into its {@link FrameSource};
 * every 20 ms ({@link MixClock}) each leg is sent the mix of what it may hear, as its own RTP stream:
 * the supervisor hears caller and agent; the caller hears the agent, and the supervisor in BARGE; the
 * agent hears the caller, and the supervisor in WHISPER and BARGE. The caller's and agent's packets
 * still go into the recording as they arrive.
 */
final class Conference {

    final MediaLeg caller;
    final MediaLeg agent;
    final MediaLeg supervisor;
    private volatile MonitorMode mode;

    private final FrameSource fromCaller;
    private final FrameSource fromAgent;
    private final FrameSource fromSupervisor;
    private final Stream toCaller;
    private final Stream toAgent;
    private final Stream toSupervisor;
    // Used only on the clock's thread.
    private final short[] callerFrame = new short[Mixer.FRAME];
    private final short[] agentFrame = new short[Mixer.FRAME];
    private final short[] supervisorFrame = new short[Mixer.FRAME];
    private final short[] mixed = new short[Mixer.FRAME];
    private volatile MediaLeg.Sink callerSink;
    private volatile MediaLeg.Sink agentSink;
    private volatile MediaLeg.Sink supervisorSink;

    Conference(MediaLeg caller, MediaLeg agent, MediaLeg supervisor, int payloadType, MonitorMode mode) {
        this.caller = caller;
        this.agent = agent;
        this.supervisor = supervisor;
        this.mode = mode;
        this.fromCaller = new FrameSource(payloadType);
        this.fromAgent = new FrameSource(payloadType);
        this.fromSupervisor = new FrameSource(payloadType);
        this.toCaller = new Stream(payloadType);
        this.toAgent = new Stream(payloadType);
        this.toSupervisor = new Stream(payloadType);
    }

    /** The legs' peers are read into the mix from now on (and caller and agent into the recording, if any). */
    void start(CallRecording recording) {
        if (recording != null) {
            callerSink = (packet, length) -> {
                recording.caller.append(packet, length);
                fromCaller.packet(packet, length);
            };
            agentSink = (packet, length) -> {
                recording.agent.append(packet, length);
                fromAgent.packet(packet, length);
            };
        } else {
            callerSink = fromCaller::packet;
            agentSink = fromAgent::packet;
        }
        supervisorSink = fromSupervisor::packet;
        caller.sink(callerSink);
        agent.sink(agentSink);
        supervisor.sink(supervisorSink);
    }

    /**
     * Nobody's audio goes into the mix any more. A leg already given another sink (the relay that
     * replaced the mix, while the clock was ending it) keeps it.
     */
    void stop() {
        caller.unsink(callerSink);
        agent.unsink(agentSink);
        supervisor.unsink(supervisorSink);
    }

    void mode(MonitorMode mode) {
        this.mode = mode;
    }

    MonitorMode mode() {
        return mode;
    }

    boolean joins(MediaLeg agent, MediaLeg supervisor) {
        return this.agent == agent && this.supervisor == supervisor;
    }

    boolean has(MediaLeg leg) {
        return caller == leg || agent == leg || supervisor == leg;
    }

    /** Whether a leg was closed (the call or the supervisor's leg ended): the mix is over. */
    boolean closed() {
        return !caller.isOpen() || !agent.isOpen() || !supervisor.isOpen();
    }

    /** One 20 ms frame to each leg, on the clock's thread. */
    void tick() {
        MonitorMode now = mode;
        fromCaller.take(callerFrame);
        fromAgent.take(agentFrame);
        boolean supervisorSpoke = fromSupervisor.take(supervisorFrame);
        short[] supervisorAudio = supervisorSpoke ? supervisorFrame : null;

        Mixer.mix(mixed, agentFrame, now.callerHearsSupervisor() ? supervisorAudio : null);
        toCaller.send(caller, mixed);
        Mixer.mix(mixed, callerFrame, now.agentHearsSupervisor() ? supervisorAudio : null);
        toAgent.send(agent, mixed);
        Mixer.mix(mixed, callerFrame, agentFrame);
        toSupervisor.send(supervisor, mixed);
    }

    /** Skips {@code frames} frames missed in a stall: the streams' RTP clocks move on by as much. */
    void skip(int frames) {
        toCaller.skip(frames);
        toAgent.skip(frames);
        toSupervisor.skip(frames);
    }

    /** The RTP stream the mix sends one leg: its own SSRC, sequence and clock. */
    private static final class Stream {
        private final int payloadType;
        private final int ssrc = ThreadLocalRandom.current().nextInt();
        private final byte[] packet = new byte[Rtp.HEADER + Mixer.FRAME];
        private int sequence = ThreadLocalRandom.current().nextInt(0xFFFF);
        private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
        private boolean first = true;

        Stream(int payloadType) {
            this.payloadType = payloadType;
        }

        void send(MediaLeg leg, short[] samples) {
            Rtp.header(packet, payloadType, first, sequence++ & 0xFFFF, timestamp, ssrc);
            for (int i = 0; i < Mixer.FRAME; i++) {
                packet[Rtp.HEADER + i] = G711.encode(payloadType, samples[i]);
            }
            leg.send(packet, packet.length);
            timestamp += Mixer.FRAME;
            first = false;
        }

        void skip(int frames) {
            timestamp += (long) frames * Mixer.FRAME;
        }
    }
}
