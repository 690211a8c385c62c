package io.switchboard.chat.domain;

/** A widget id as configured by a tenant: its entry point for routing. */
public record WidgetRoute(String widgetId, String tenantId, String tenantName) {
}
