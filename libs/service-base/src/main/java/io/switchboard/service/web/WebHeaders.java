package io.switchboard.service.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;

/**
 * Puts the security headers on every response of a service that serves pages, its static files included (which
 * no REST filter sees). A header a resource set itself (a page with its own policy) is left as it is.
 */
@ApplicationScoped
public class WebHeaders {

    static final String CSP = "Content-Security-Policy";

    void register(@Observes Filters filters, WebHeadersConfig config) {
        if (!config.enabled()) {
            return;
        }
        ContentSecurityPolicy policy = ContentSecurityPolicy.of(config.connectTo().orElse(List.of()),
                config.frameAncestors().orElse(List.of()));
        String csp = policy.header();
        boolean unframed = policy.unframed();
        filters.register(context -> {
            MultiMap headers = context.response().headers();
            context.addHeadersEndHandler(ignored -> {
                setIfAbsent(headers, CSP, csp);
                setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
                setIfAbsent(headers, "Referrer-Policy", "same-origin");
                if (unframed) {
                    setIfAbsent(headers, "X-Frame-Options", "DENY");
                }
            });
            context.next();
        }, 200);
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }
}
