package io.switchboard.service.webhook;

import java.util.OptionalLong;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.switchboard.service.api.ProblemDetail;
import io.switchboard.service.api.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Answers a {@link WebhookRateLimited} request over its source's budget with 429 and Retry-After, on
 * the event loop before the body is read, so a flood costs neither a worker thread, nor a parse, nor a
 * signature check. The source is the client address as Vert.x sees it: behind a load balancer, the
 * forwarded address only when {@code quarkus.http.proxy.*} trusts the proxy (docs/operations.md).
 */
public class WebhookRateFilter {

    private static final Logger LOG = Logger.getLogger(WebhookRateFilter.class);

    // Instance: services without webhooks have no budget, and none of their resources is bound to this filter.
    private final Instance<WebhookRateLimit> limit;

    public WebhookRateFilter(Instance<WebhookRateLimit> limit) {
        this.limit = limit;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100, nonBlocking = true)
    @WebhookRateLimited
    public Response overBudget(HttpServerRequest request) {
        if (!limit.isResolvable()) {
            return null;
        }
        String source = source(request.remoteAddress());
        OptionalLong retryAfter = limit.get().take(source);
        if (retryAfter.isEmpty()) {
            return null;
        }
        LOG.debugf("webhook from %s over its budget", source);
        return Response.fromResponse(ProblemMappers.respond(ProblemDetail.of(429, "Too Many Requests",
                        "more webhooks from " + source + " than " + limit.get().perSecond() + " a second; retry after "
                                + retryAfter.getAsLong() + " s")))
                .header(HttpHeaders.RETRY_AFTER, retryAfter.getAsLong()).build();
    }

    private static String source(SocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        return address.hostAddress() != null ? address.hostAddress() : address.toString();
    }
}
