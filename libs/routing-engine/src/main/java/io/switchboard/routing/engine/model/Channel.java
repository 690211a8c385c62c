package io.switchboard.routing.engine.model;

/** The channel of a contact; agents have a capacity per channel. */
public enum Channel {
    VOICE, EMAIL, CHAT, SMS, SOCIAL
}
