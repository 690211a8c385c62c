package io.switchboard.voice.domain.port;

/** A connected call's audio being written, one file per leg; closed when the agent's side leaves. */
public interface Recording extends AutoCloseable {

    @Override
    void close();
}
