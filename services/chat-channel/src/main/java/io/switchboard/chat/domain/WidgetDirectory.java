package io.switchboard.chat.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;

/** The widget ids this channel serves: every tenant's CHAT entry points from the configuration topic. */
@ApplicationScoped
public class WidgetDirectory {

    private final Map<String, WidgetRoute> byWidget = new ConcurrentHashMap<>();

    public synchronized void apply(TenantConfigured tenant) {
        byWidget.values().removeIf(route -> route.tenantId().equals(tenant.tenantId()));
        for (TenantConfigured.EntryPoint entryPoint : tenant.entryPoints()) {
            if (entryPoint.channel() == Channel.CHAT) {
                byWidget.put(entryPoint.address(), new WidgetRoute(entryPoint.address(), tenant.tenantId(), tenant.name()));
            }
        }
    }

    public Optional<WidgetRoute> lookup(String widgetId) {
        return widgetId == null ? Optional.empty() : Optional.ofNullable(byWidget.get(widgetId));
    }
}
