package io.switchboard.voice.domain;

import java.util.Map;

import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;

/**
 * The IVR walk after the caller's ACK: the DID's prompt, then a key (RFC 4733) picks an entry point;
 * an unknown key hears "not a valid choice" and the menu again; silence after the prompt takes the
 * default choice. A DID without a menu goes straight to its queue.
 */
public final class Ivr {

    static final String INVALID_PROMPT = "invalid.ul";
    static final String TIMEOUT_PATH = "timeout";

    private final Media media;
    private final Clock clock;
    private final Queueing queueing;
    private final Map<String, IvrMenu> menus;

    public Ivr(Media media, Clock clock, Queueing queueing, Map<String, IvrMenu> menus) {
        this.media = media;
        this.clock = clock;
        this.queueing = queueing;
        this.menus = menus;
    }

    /** The caller's ACK: the menu starts once (a repeated ACK changes nothing). */
    void start(Call call) {
        synchronized (call) {
            if (call.state != Call.State.IVR || media.playing(call.callerMedia).isPresent() || call.entryPoint != null) {
                return;
            }
            IvrMenu menu = menus.get(call.did);
            if (menu == null || menu.choices().isEmpty()) {
                queueing.enqueue(call, call.did, "");
                return;
            }
            call.entryPoint = "";
            media.readKeys(call.callerMedia, call.dtmfPayloadType, key -> key(call, menu, key));
            media.play(call.callerMedia, menu.prompt(), call.payloadType, false,
                    () -> clock.schedule(menu.timeout(), () -> timeout(call, menu)));
        }
    }

    void key(Call call, IvrMenu menu, char key) {
        synchronized (call) {
            if (call.state != Call.State.IVR) {
                return;
            }
            String entryPoint = menu.choices().get(String.valueOf(key));
            if (entryPoint == null) {
                media.play(call.callerMedia, INVALID_PROMPT, call.payloadType, false,
                        () -> media.play(call.callerMedia, menu.prompt(), call.payloadType, false, null));
                return;
            }
            queueing.enqueue(call, entryPoint, String.valueOf(key));
        }
    }

    void timeout(Call call, IvrMenu menu) {
        synchronized (call) {
            if (call.state == Call.State.IVR && media.playing(call.callerMedia).isEmpty()) {
                queueing.enqueue(call, menu.defaultChoice().orElse(call.did), TIMEOUT_PATH);
            }
        }
    }
}
