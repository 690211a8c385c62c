package io.switchboard.service.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one counter of what a public ingress refused for being over a rate limit,
 * {@code switchboard_ingress_refused_total{service, ingress, reason}}, so one alert covers every channel.
 */
public final class IngressRefusals {

    public static final String METRIC = "switchboard.ingress.refused";

    private IngressRefusals() {
    }

    /**
     * The counter of one service's refusals at one ingress ({@code webhook}, {@code chat-socket},
     * {@code smtp}) for one reason ({@code source-rate}, {@code messages-per-connection}, ...).
     */
    public static Counter counter(MeterRegistry registry, String service, String ingress, String reason) {
        return Counter.builder(METRIC).description("requests, connections and messages a public ingress refused for being over a rate limit")
                .tag("service", service).tag("ingress", ingress).tag("reason", reason).register(registry);
    }
}
