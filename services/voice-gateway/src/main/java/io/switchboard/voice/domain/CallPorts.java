package io.switchboard.voice.domain;

import java.util.concurrent.Executor;

import io.switchboard.voice.domain.port.CallJournal;
import io.switchboard.voice.domain.port.Clock;
import io.switchboard.voice.domain.port.ContactEvents;
import io.switchboard.voice.domain.port.DialAudit;
import io.switchboard.voice.domain.port.Media;
import io.switchboard.voice.domain.port.PromptLibrary;
import io.switchboard.voice.domain.port.Signalling;

/**
 * The outside world of the call flow: signalling, media, the platform's events, the journal, time,
 * an executor for work that may block (publishing) so it never runs on a signalling thread, and the
 * audit of refused calls to the public network, and the prompt library (tenants' recordings and the built-in ones).
 */
public record CallPorts(Signalling signalling, Media media, ContactEvents events, CallJournal journal, Clock clock,
        Executor background, DialAudit dialAudit, PromptLibrary prompts) {
}
