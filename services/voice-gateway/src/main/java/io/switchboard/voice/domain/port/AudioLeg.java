package io.switchboard.voice.domain.port;

import java.net.InetSocketAddress;

/** One side of a call's media, as the call sees it: a local port facing one peer. */
public interface AudioLeg extends AutoCloseable {

    int localPort();

    /** Where the peer's SDP says its audio is: where we send, and the source taken at once. */
    void remote(InetSocketAddress address);

    /** Packets received from the peer so far. */
    long received();

    /** Packets sent to the peer so far. */
    long sent();

    @Override
    void close();
}
