package io.switchboard.desktop.domain;

/** How the channel named a contact's customer: the address kind (EMAIL, PHONE, CHAT_VISITOR, …) and value. */
public record CustomerAddress(String kind, String value) {
}
