package io.switchboard.sms.domain;

/** An MMS attachment as the provider announces it: where to fetch it, and its declared type. */
public record MediaLink(String url, String contentType) {
}
