package io.switchboard.email.domain;

/** Where mail to one address goes: the tenant that owns it and the entry point routing knows it by. */
public record MailRoute(String tenantId, String tenantName, String address) {
}
