package io.switchboard.voice.domain.port;

import java.util.Optional;
import java.util.function.Consumer;

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

    /** What the peer sends is dropped (nobody listens: hold, the queue). */
    void ignore(AudioLeg leg);

    /** What the peer sends is read for RFC 4733 keys of {@code payloadType}. */
    void readKeys(AudioLeg leg, int payloadType, Consumer<Character> keys);

    /** Relays each leg's packets to the other, and into the recording when there is one. */
    void bridge(AudioLeg caller, AudioLeg agent, Optional<Recording> recording);

    /** Opens the call's recording; empty when it cannot be written (logged). */
    Optional<Recording> record(String contactId, int payloadType);
}
