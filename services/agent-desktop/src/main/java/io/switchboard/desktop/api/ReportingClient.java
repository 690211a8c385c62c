package io.switchboard.desktop.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.desktop.config.DesktopConfig;
import io.switchboard.service.api.ProblemException;

/**
 * Calls the reporting service with the signed-in supervisor's own token, so reporting's role and tenant
 * checks apply to them, and passes its answer (or its problem) on as it came.
 */
@ApplicationScoped
public class ReportingClient {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String reporting;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ReportingClient(DesktopConfig config) {
        this.reporting = config.reportingUrl().replaceAll("/+$", "");
    }

    static String tenant(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw ProblemException.badRequest("not a tenant id: " + tenant);
        }
        return tenant;
    }

    /** {@code path} below reporting's {@code /api/reports/tenants/{tenant}/}, with its raw query. */
    Response forward(SecurityIdentity identity, String method, String tenant, String path, String query, String accept, byte[] body) {
        URI target = URI.create(reporting + "/api/reports/tenants/" + tenant(tenant) + "/" + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + ((JsonWebToken) identity.getPrincipal()).getRawToken())
                .header("Accept", accept == null || accept.isBlank() ? "application/json" : accept);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException unavailable) {
            throw new ProblemException(503, "Reporting unavailable", "the reporting service is not answering: " + unavailable.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "Reporting unavailable", "interrupted while asking the reporting service");
        }
        Response.ResponseBuilder passed = Response.status(answer.statusCode()).entity(answer.body());
        for (String header : new String[] {"Content-Type", "Content-Disposition", "Location"}) {
            answer.headers().firstValue(header).ifPresent(value -> passed.header(header, value));
        }
        return passed.build();
    }
}
