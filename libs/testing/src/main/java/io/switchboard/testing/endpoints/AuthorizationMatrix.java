package io.switchboard.testing.endpoints;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.switchboard.testing.keycloak.KeycloakServer;

/**
 * An authorization matrix: the callers are the columns, each endpoint a row with the status every caller must get.
 * A row's key ("VERB /api/path") is what {@link ServedEndpoints} reads from the service's classes, so a test can
 * demand a row for every endpoint; an endpoint that is public by design (a widget's socket, a link mailed to a
 * customer) is a row too, with the reason and the test that covers it instead of statuses.
 */
public final class AuthorizationMatrix {

    /** Who calls: a description for the failure message and their bearer token ({@code null}: anonymous). */
    public record Caller(String name, Supplier<String> token) {

        public static Caller anonymous() {
            return new Caller("anonymous", () -> null);
        }

        /** A user of the tests' realm ({@link KeycloakServer#shared()}), e.g. {@code user("supervisor", "sam")}. */
        public static Caller user(String role, String username) {
            return new Caller(role + " " + username, () -> KeycloakServer.shared().accessToken(username));
        }
    }

    private record Row(String method, String endpoint, String path, String contentType, String body, int[] expected,
            String publicBecause) {
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;
    private final List<Caller> callers;
    private final UnaryOperator<String> fill;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    /**
     * @param base    the service under test (a {@code @TestHTTPResource("/")})
     * @param fill    puts the fixture's ids into a row's path, e.g. {@code p -> p.replace("{contactId}", contactId)}
     * @param callers the columns, in the order each row lists its statuses
     */
    public AuthorizationMatrix(URI base, UnaryOperator<String> fill, Caller... callers) {
        this.base = base;
        this.fill = fill;
        this.callers = List.of(callers);
    }

    /** A row without a body: one expected status per caller. */
    public AuthorizationMatrix row(String method, String path, int... expected) {
        return row(method, path, null, expected);
    }

    /** A row whose requests carry {@code jsonBody} (filled like the path). */
    public AuthorizationMatrix row(String method, String path, String jsonBody, int... expected) {
        return row(method, path, path, jsonBody, expected);
    }

    /**
     * A row for {@code endpoint} (as ServedEndpoints names it) whose requests go to {@code path}, which may add a
     * query or name its own placeholders; two rows may call one endpoint differently.
     */
    public AuthorizationMatrix row(String method, String endpoint, String path, String jsonBody, int... expected) {
        return row(method, endpoint, path, jsonBody == null ? null : "application/json", jsonBody, expected);
    }

    /** As above, with a body of another type (a CSV list, a provider's form-encoded webhook). */
    public AuthorizationMatrix row(String method, String endpoint, String path, String contentType, String body, int... expected) {
        if (expected.length != callers.size()) {
            throw new IllegalArgumentException(method + " " + path + ": " + expected.length + " statuses for " + callers.size()
                    + " callers");
        }
        if ((contentType == null) != (body == null)) {
            throw new IllegalArgumentException(method + " " + path + ": a body needs its content type and a content type its body");
        }
        rows.put(method + " " + path, new Row(method, endpoint, path, contentType, body, expected.clone(), null));
        return this;
    }

    /** An endpoint (a ServedEndpoints key) open to anyone on purpose, with why and where that is tested. */
    public AuthorizationMatrix publicByDesign(String endpoint, String because) {
        rows.put(endpoint, new Row(null, endpoint, endpoint, null, null, new int[0], because));
        return this;
    }

    /** Every row's key, to compare with {@link ServedEndpoints#ofThisModule()}. */
    public TreeSet<String> endpoints() {
        TreeSet<String> endpoints = new TreeSet<>();
        rows.values().forEach(row -> endpoints.add(row.method() == null ? row.endpoint() : row.method() + " " + row.endpoint()));
        return endpoints;
    }

    /** Calls every row as every caller; one line per status that is not the expected one (empty when all are). */
    public List<String> mismatches() {
        Map<Caller, String> tokens = new LinkedHashMap<>();
        callers.forEach(caller -> tokens.put(caller, caller.token().get()));
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows.values()) {
            if (row.publicBecause() != null) {
                continue;
            }
            String path = fill.apply(row.path());
            for (int i = 0; i < callers.size(); i++) {
                Caller caller = callers.get(i);
                HttpResponse<String> response = send(row, path, tokens.get(caller));
                if (response.statusCode() != row.expected()[i]) {
                    mismatches.add(row.method() + " " + path + " as " + caller.name() + ": " + response.statusCode() + " (expected "
                            + row.expected()[i] + ") " + response.body());
                }
            }
        }
        return mismatches;
    }

    private HttpResponse<String> send(Row row, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(row.method(), row.body() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(fill.apply(row.body())));
        if (row.contentType() != null) {
            request.header("Content-Type", row.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(row.method() + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + path, e);
        }
    }
}
