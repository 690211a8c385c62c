package io.switchboard.chat.api;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.switchboard.chat.config.ChatConfig;
import io.switchboard.service.api.IngressRefusals;
import io.switchboard.service.ratelimit.KeyedRateLimiter;
import io.vertx.core.net.SocketAddress;

/**
 * New sockets per client address ({@code switchboard.chat.connection-rate.*}): over the budget the
 * HTTP upgrade is answered 429 with Retry-After, so no socket, session or conversation exists for it.
 * The address is the client's as Vert.x sees it, the forwarded one when {@code quarkus.http.proxy.*}
 * trusts the load balancer.
 */
@ApplicationScoped
public class ConnectionRateCheck implements HttpUpgradeCheck {

    private static final Logger LOG = Logger.getLogger(ConnectionRateCheck.class);

    private final KeyedRateLimiter addresses;
    private final Counter refused;

    public ConnectionRateCheck(ChatConfig config, MeterRegistry registry) {
        ChatConfig.ConnectionRate rate = config.connectionRate();
        this.addresses = new KeyedRateLimiter(rate.perSecond(), rate.burst(), rate.maxSources());
        this.refused = IngressRefusals.counter(registry, "chat-channel", "chat-socket", "connection-rate");
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String address = address(context.httpRequest().remoteAddress());
        OptionalLong retryAfter = addresses.acquire(address, System.nanoTime());
        if (retryAfter.isEmpty()) {
            return CheckResult.permitUpgrade();
        }
        refused.increment();
        LOG.debugf("chat socket from %s refused: over its connection rate", address);
        return CheckResult.rejectUpgrade(429, Map.of("Retry-After", List.of(Long.toString(retryAfter.getAsLong())),
                WidgetUpgradeCheck.REFUSAL, List.of("too many new chat connections from " + address)));
    }

    private static String address(SocketAddress remote) {
        if (remote == null) {
            return "unknown";
        }
        return remote.hostAddress() != null ? remote.hostAddress() : remote.toString();
    }
}
