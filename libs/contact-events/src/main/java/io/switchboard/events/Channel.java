package io.switchboard.events;

import java.util.Locale;

/** The channel a contact arrived on or is answered through. */
public enum Channel {
    VOICE, EMAIL, CHAT, SMS, SOCIAL, FAX;

    /** The lower-case name used in topic names, e.g. {@code switchboard.outbound.chat.v1}. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
