package io.switchboard.desktop.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.service.api.ProblemException;

/**
 * Calls another service of the platform with the signed-in user's own token, so that service's role and
 * tenant checks apply to them, and passes its answer (or its problem) on as it came.
 */
final class TokenForwarder {

    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String[] PASSED_HEADERS = {"Content-Type", "Content-Disposition", "Location", "Content-Security-Policy",
        "X-Content-Type-Options", "Retry-After"};

    private final String service;
    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** {@code service} names it in a 503 ("Reporting", "Campaigns"); {@code baseUrl} ends before the API's path. */
    TokenForwarder(String service, String baseUrl) {
        this.service = service;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    static String tenant(String tenant) {
        if (!TENANT.matcher(tenant).matches()) {
            throw ProblemException.badRequest("not a tenant id: " + tenant);
        }
        return tenant;
    }

    /** The text as one path segment, whatever the caller typed. */
    static String segment(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code path} starts with '/' below the base URL and is already encoded; {@code query} raw or null. */
    Response forward(SecurityIdentity identity, String method, String path, String query, String accept, String contentType,
            byte[] body) {
        URI target = URI.create(baseUrl + path + (query == null ? "" : "?" + query));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + ((JsonWebToken) identity.getPrincipal()).getRawToken())
                .header("Accept", accept == null || accept.isBlank() ? "application/json" : accept);
        if (body != null) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType)
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> answer;
        try {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException unavailable) {
            throw new ProblemException(503, service + " unavailable",
                    "the " + service.toLowerCase(java.util.Locale.ROOT) + " service is not answering: " + unavailable.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, service + " unavailable", "interrupted while asking the "
                    + service.toLowerCase(java.util.Locale.ROOT) + " service");
        }
        Response.ResponseBuilder passed = Response.status(answer.statusCode()).entity(answer.body());
        for (String header : PASSED_HEADERS) {
            answer.headers().firstValue(header).ifPresent(value -> passed.header(header, value));
        }
        return passed.build();
    }
}
