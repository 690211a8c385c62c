package io.switchboard.desktop.domain;

/** Delivers pushes to the inbox sockets of every instance, wherever the socket is held. */
public interface Pushes {

    void send(Push push);
}
