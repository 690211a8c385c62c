package io.switchboard.chat.api;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.domain.WidgetDirectory;

/**
 * Refuses the WebSocket upgrade of an unknown widget (404) and of a page whose origin the widget
 * does not allow (403), before any socket exists.
 */
@ApplicationScoped
public class WidgetUpgradeCheck implements HttpUpgradeCheck {

    private final WidgetDirectory widgets;
    private final ChatConfig config;

    public WidgetUpgradeCheck(WidgetDirectory widgets, ChatConfig config) {
        this.widgets = widgets;
        this.config = config;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String widgetId = context.pathParam("widgetId");
        if (widgets.lookup(widgetId).isEmpty()) {
            return CheckResult.rejectUpgrade(404);
        }
        ChatConfig.Widget widget = config.widgets().get(widgetId);
        List<String> allowed = widget == null ? List.of() : widget.allowedOrigins().orElse(List.of());
        String origin = context.httpRequest().getHeader("Origin");
        if (!allowed.isEmpty() && (origin == null || !allowed.contains(origin))) {
            return CheckResult.rejectUpgrade(403);
        }
        return CheckResult.permitUpgrade();
    }
}
