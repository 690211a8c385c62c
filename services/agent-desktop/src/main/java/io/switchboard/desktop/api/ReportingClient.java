package io.switchboard.desktop.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.desktop.config.DesktopConfig;

/** The reporting service, called with the signed-in supervisor's own token. */
@ApplicationScoped
public class ReportingClient {

    private final TokenForwarder forwarder;

    public ReportingClient(DesktopConfig config) {
        this.forwarder = new TokenForwarder("Reporting", config.reportingUrl());
    }

    static String tenant(String tenant) {
        return TokenForwarder.tenant(tenant);
    }

    /** {@code path} below reporting's {@code /api/reports/tenants/{tenant}/}, with its raw query. */
    Response forward(SecurityIdentity identity, String method, String tenant, String path, String query, String accept, byte[] body) {
        return forwarder.forward(identity, method, "/api/reports/tenants/" + tenant(tenant) + "/" + path, query, accept, null, body);
    }
}
