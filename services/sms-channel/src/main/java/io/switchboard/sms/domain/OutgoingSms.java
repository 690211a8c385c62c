package io.switchboard.sms.domain;

/** A text to hand to the provider, from the tenant's number to the customer's. */
public record OutgoingSms(String tenantId, String from, String to, String text, Segments segments) {
}
