package io.switchboard.chat.domain;

/** Where frames for a customer go: their open sockets on this instance. */
public interface CustomerSockets {

    /** Sends a frame to every open socket of the contact; returns how many got it. */
    int send(String contactId, Object frame);

    boolean connected(String contactId);
}
