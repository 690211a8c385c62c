package io.switchboard.voice.media;

import java.io.IOException;
import java.nio.file.Path;

import org.jboss.logging.Logger;

import io.switchboard.voice.domain.port.Recording;

/** A connected call's two WAV files, {@code <contact id>-caller.wav} and {@code -agent.wav}, written as relayed. */
final class CallRecording implements Recording {

    private static final Logger LOG = Logger.getLogger(CallRecording.class);

    private final String contactId;
    final WavRecorder caller;
    final WavRecorder agent;

    private CallRecording(String contactId, WavRecorder caller, WavRecorder agent) {
        this.contactId = contactId;
        this.caller = caller;
        this.agent = agent;
    }

    static CallRecording open(Path dir, String contactId, int payloadType) throws IOException {
        WavRecorder caller = new WavRecorder(dir.resolve(contactId + "-caller.wav"), payloadType);
        try {
            return new CallRecording(contactId, caller, new WavRecorder(dir.resolve(contactId + "-agent.wav"), payloadType));
        } catch (IOException e) {
            caller.close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (WavRecorder recorder : new WavRecorder[] { caller, agent }) {
            try {
                recorder.close();
            } catch (Exception e) {
                LOG.warnf("recording of %s not closed cleanly: %s", contactId, e.getMessage());
            }
        }
    }
}
