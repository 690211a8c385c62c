package io.switchboard.sms.domain;

/** An MMS file's bytes as the provider served them. */
public record FetchedMedia(String contentType, byte[] data) {
}
