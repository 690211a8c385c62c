package io.switchboard.desktop.domain;

/**
 * How the channel named a contact's customer: the address kind (EMAIL, PHONE, CHAT_VISITOR, SOCIAL, …),
 * its value and, for a social handle, the platform (WHATSAPP, …).
 */
public record CustomerAddress(String kind, String value, String platform) {
}
