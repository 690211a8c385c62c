package io.switchboard.events.address;

/** The messaging platforms the social channel speaks to. */
public enum SocialPlatform {
    WHATSAPP, MESSENGER, INSTAGRAM, TELEGRAM
}
