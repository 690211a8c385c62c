package io.switchboard.voice.domain;

import java.util.Map;
import java.util.Optional;

import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PromptLibrary;

/**
 * The IVR walk after the caller's ACK. The DID's menu is the tenant's (its configuration's
 * {@code ivr}), else the gateway's configured one. A time branch that holds now plays its prompt once
 * and queues the call without the menu. Otherwise the menu's prompt plays and a key (RFC 4733) picks
 * a destination; an unknown key hears "not a valid choice" and the menu again; silence after the
 * prompt takes the timeout's destination. A DID without a menu goes straight to its queue. A prompt
 * the library does not have is skipped: the menu still reads keys and times out.
 */
public final class Ivr {

    static final String INVALID_PROMPT = "invalid.ul";
    static final String TIMEOUT_PATH = "timeout";
    static final String BRANCH_PATH = "branch:";

    private final Media media;
    private final Clock clock;
    private final Queueing queueing;
    private final PromptLibrary prompts;
    private final VoiceDirectory directory;
    private final Map<String, IvrMenu> configured;

    public Ivr(Media media, Clock clock, Queueing queueing, PromptLibrary prompts, VoiceDirectory directory,
            Map<String, IvrMenu> configured) {
        this.media = media;
        this.clock = clock;
        this.queueing = queueing;
        this.prompts = prompts;
        this.directory = directory;
        this.configured = configured;
    }

    /** The caller's ACK: the menu (or a time branch) starts once (a repeated ACK changes nothing). */
    void start(Call call) {
        synchronized (call) {
            if (call.state != Call.State.IVR || media.playing(call.callerMedia).isPresent() || call.entryPoint != null) {
                return;
            }
            Optional<IvrMenu> menu = directory.menu(call.did).or(() -> Optional.ofNullable(configured.get(call.did)));
            Optional<IvrMenu.Taken> branch = menu.flatMap(m -> m.branchAt(clock.now()));
            if (branch.isPresent()) {
                takeBranch(call, branch.get());
            } else if (menu.isEmpty() || menu.get().choices().isEmpty()) {
                queueing.enqueue(call, call.did, "");
            } else {
                call.entryPoint = "";
                media.readKeys(call.callerMedia, call.dtmfPayloadType, key -> key(call, menu.get(), key));
                offer(call, menu.get());
            }
        }
    }

    private void takeBranch(Call call, IvrMenu.Taken taken) {
        String path = BRANCH_PATH + taken.position();
        Optional<String> greeting = taken.branch().prompt().flatMap(name -> prompts.resolve(call.tenantId, name));
        if (greeting.isEmpty()) {
            queueing.enqueue(call, taken.branch().to(), path);
            return;
        }
        call.entryPoint = "";
        media.play(call.callerMedia, greeting.get(), call.payloadType, false, () -> {
            synchronized (call) {
                if (call.state == Call.State.IVR) {
                    queueing.enqueue(call, taken.branch().to(), path);
                }
            }
        });
    }

    /** The menu's prompt (caller holds the monitor), then the wait for a key; a new round makes earlier timeouts void. */
    private void offer(Call call, IvrMenu menu) {
        int round = ++call.menuRound;
        Runnable waitForKey = () -> clock.schedule(menu.timeout(), () -> timeout(call, menu, round));
        prompts.resolve(call.tenantId, menu.prompt()).ifPresentOrElse(
                prompt -> media.play(call.callerMedia, prompt, call.payloadType, false, waitForKey), waitForKey);
    }

    void key(Call call, IvrMenu menu, char key) {
        synchronized (call) {
            if (call.state != Call.State.IVR) {
                return;
            }
            IvrMenu.Destination chosen = menu.choices().get(String.valueOf(key));
            if (chosen == null) {
                call.menuRound++;
                media.play(call.callerMedia, INVALID_PROMPT, call.payloadType, false, () -> {
                    synchronized (call) {
                        if (call.state == Call.State.IVR) {
                            offer(call, menu);
                        }
                    }
                });
                return;
            }
            queueing.enqueue(call, chosen, String.valueOf(key));
        }
    }

    void timeout(Call call, IvrMenu menu, int round) {
        synchronized (call) {
            if (call.state == Call.State.IVR && call.menuRound == round && media.playing(call.callerMedia).isEmpty()) {
                queueing.enqueue(call, menu.onTimeout().orElse(IvrMenu.Destination.entryPoint(call.did)), TIMEOUT_PATH);
            }
        }
    }
}
