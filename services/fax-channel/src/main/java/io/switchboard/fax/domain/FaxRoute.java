package io.switchboard.fax.domain;

/** A tenant's fax number (E.164) and the region a national sender number is read in. */
public record FaxRoute(String tenantId, String tenantName, String number, String defaultRegion) {
}
