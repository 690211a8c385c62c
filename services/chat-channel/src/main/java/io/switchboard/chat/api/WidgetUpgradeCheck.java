package io.switchboard.chat.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.chat.domain.OriginPolicy;
import io.switchboard.chat.domain.WidgetDirectory;

/**
 * Refuses the WebSocket upgrade of an unknown widget (404) and of a page whose origin the widget
 * does not allow (403, the reason in {@value #REFUSAL}), before any socket exists. Outside the
 * local, dev and test profiles a widget without allowed origins allows none
 * ({@code switchboard.chat.require-allowed-origins}).
 */
@ApplicationScoped
public class WidgetUpgradeCheck implements HttpUpgradeCheck {

    /** The response header that says why an upgrade was refused. */
    public static final String REFUSAL = "X-Switchboard-Refusal";
    private static final Logger LOG = Logger.getLogger(WidgetUpgradeCheck.class);

    private final WidgetDirectory widgets;
    private final ChatConfig config;
    private final OriginPolicy origins;

    public WidgetUpgradeCheck(WidgetDirectory widgets, ChatConfig config) {
        this.widgets = widgets;
        this.config = config;
        this.origins = new OriginPolicy(config.requireAllowedOrigins());
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String widgetId = context.pathParam("widgetId");
        if (widgets.lookup(widgetId).isEmpty()) {
            return CheckResult.rejectUpgrade(404, Map.of(REFUSAL, List.of("unknown widget " + widgetId)));
        }
        ChatConfig.Widget widget = config.widgets().get(widgetId);
        List<String> allowed = widget == null ? List.of() : widget.allowedOrigins().orElse(List.of());
        Optional<String> refusal = origins.refusal(widgetId, allowed, context.httpRequest().getHeader("Origin"));
        if (refusal.isPresent()) {
            LOG.infof("chat socket refused: %s", refusal.get());
            return CheckResult.rejectUpgrade(403, Map.of(REFUSAL, List.of(refusal.get())));
        }
        return CheckResult.permitUpgrade();
    }
}
