package io.switchboard.social.domain;

/** A company account configured as a tenant's SOCIAL entry point. */
public record Route(String tenantId, String tenantName, String address) {
}
