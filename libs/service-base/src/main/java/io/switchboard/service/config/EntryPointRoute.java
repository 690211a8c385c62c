package io.switchboard.service.config;

/** An address a tenant is reached on through one channel (an email address, a widget id, a DID). */
public record EntryPointRoute(String tenantId, String tenantName, String address) {
}
