package io.switchboard.voice.domain.port;

import java.util.Optional;
import java.util.function.Consumer;

import io.switchboard.voice.domain.MonitorMode;

/** What a call needs from the media side: ports for its legs, prompts, keys, the bridge and recording. */
public interface Media {

    /** A leg on a free port of the range; {@link MediaUnavailableException} when the range is full. */
    AudioLeg open(String name);

    /**
     * Plays {@code prompt} on the leg (replacing what it played) in its codec; {@code done} runs when a single play ends.
     * A prompt is a built-in file name ({@code queue.ul}) or what {@link PromptLibrary#resolve} returned.
     */
    void play(AudioLeg leg, String prompt, int payloadType, boolean loop, Runnable done);

    void stop(AudioLeg leg);

    /** The prompt the leg hears now, if any. */
    Optional<String> playing(AudioLeg leg);

    /** What the peer sends is dropped (nobody listens: hold, the queue); no mix sends to the leg any more. */
    void ignore(AudioLeg leg);

    /** What the peer sends is read for RFC 4733 keys of {@code payloadType}. */
    void readKeys(AudioLeg leg, int payloadType, Consumer<Character> keys);

    /**
     * Relays each leg's packets to the other, and into the recording when there is one. Ends the mix of
     * {@link #conference} on these legs, if any.
     */
    void bridge(AudioLeg caller, AudioLeg agent, Optional<Recording> recording);

    /**
     * Mixes the three legs (all in the call's codec, {@code payloadType}) every 20 ms instead of
     * relaying: the supervisor hears caller and agent; the caller hears the agent, and the supervisor
     * when {@code mode} says so; the agent hears the caller, and the supervisor when {@code mode} says so. The caller's and agent's audio still goes into the
     * recording. Called again for the same legs, it only changes the mode. {@link #bridge},
     * {@link #ignore} or {@link #readKeys} on any of the legs ends the mix.
     */
    void conference(AudioLeg caller, AudioLeg agent, AudioLeg supervisor, int payloadType, MonitorMode mode, Optional<Recording> recording);

    /** Opens the call's recording; empty when it cannot be written (logged). */
    Optional<Recording> record(String contactId, int payloadType);
}
