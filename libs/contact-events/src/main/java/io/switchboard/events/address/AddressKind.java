package io.switchboard.events.address;

/** What an address identifies. */
public enum AddressKind {
    EMAIL, PHONE, SOCIAL, CHAT_VISITOR
}
