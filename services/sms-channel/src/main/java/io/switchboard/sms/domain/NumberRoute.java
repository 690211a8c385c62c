package io.switchboard.sms.domain;

/** A tenant's SMS entry point: the E.164 number customers text, and the region for reading their numbers. */
public record NumberRoute(String tenantId, String tenantName, String number, String defaultRegion) {
}
