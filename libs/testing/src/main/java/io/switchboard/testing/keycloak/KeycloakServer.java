package io.switchboard.testing.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Keycloak, from the distribution zip on Maven Central, with the realm of deploy/keycloak.
 * One per test JVM: {@link #shared()} starts it on first use (about 20 s; a minute the very first
 * time, when Keycloak builds itself) and a shutdown hook stops it. Its database is in memory, so
 * every start imports the realm afresh.
 *
 * <p>The zip is copied into {@code target/keycloak/} by the module's maven-dependency-plugin
 * execution {@code keycloak-dist} (see the root pom) and unpacked once into the temp folder.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String VERSION = "26.7.3";
    public static final String REALM = "switchboard";
    public static final String CLIENT = "switchboard-desktop";
    /** A client without the services' audience, made by {@link #foreignClientToken} for audience tests. */
    public static final String FOREIGN_CLIENT = "switchboard-foreign-test";
    private static final String LOCAL_OVERLAY = "local-overlay.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile KeycloakServer shared;

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private boolean foreignClientReady;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static synchronized KeycloakServer shared() {
        if (shared == null) {
            shared = start(findZip(), findRealm(), Path.of("target", "keycloak.log").toAbsolutePath());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "keycloak-stop"));
        }
        return shared;
    }

    /**
     * Starts Keycloak on free ports. A port found free can be taken by another component starting at
     * the same moment (test resources start in parallel), so a start that loses its port is retried.
     */
    public static KeycloakServer start(Path zip, Path realm, Path log) {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(zip, realm, log);
            } catch (IllegalStateException e) {
                if (attempt == 3 || !lostItsPort(log)) {
                    throw e;
                }
            }
        }
    }

    private static boolean lostItsPort(Path log) {
        try {
            return Files.readString(log).contains("Port already bound");
        } catch (IOException e) {
            return false;
        }
    }

    private static KeycloakServer startOnce(Path zip, Path realm, Path log) {
        try {
            Path home = unpacked(zip);
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            RealmOverlay.write(realm, realm.resolveSibling(LOCAL_OVERLAY), imports.resolve("switchboard-realm.json"));
            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--db=dev-mem", "--http-host=127.0.0.1", "--http-port=" + port,
                    "--http-management-port=" + freePort(), "--import-realm", "--cache=local"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
            builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            Files.createDirectories(log.getParent());
            KeycloakServer server = new KeycloakServer(builder.start(), port);
            server.awaitRealm(Duration.ofMinutes(4), log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Keycloak", e);
        }
    }

    /** The issuer URL services configure as {@code quarkus.oidc.auth-server-url}. */
    public String realmUrl() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public int port() {
        return port;
    }

    /**
     * An access token for a realm user (password grant on the public client); cached per user until a
     * minute before it expires, so a long test JVM never sends a stale token.
     */
    public String accessToken(String username, String password) {
        String key = username + '\u0000' + password;
        Token token = tokens.get(key);
        if (token == null || Instant.now().isAfter(token.refreshAfter())) {
            token = requestToken(username, password);
            tokens.put(key, token);
        }
        return token.value();
    }

    private record Token(String value, Instant refreshAfter) {
    }

    /** A demo user's token: the demo users' password is their username. */
    public String accessToken(String username) {
        return accessToken(username, username);
    }

    /**
     * A demo user's token from another client of the same realm: signed by the realm, with the user's
     * roles and tenants, but without the {@code switchboard-api} audience the services require. A
     * service that accepts it would accept any token the realm mints for any application.
     */
    public String foreignClientToken(String username) {
        ensureForeignClient();
        return passwordGrant(realmUrl(), FOREIGN_CLIENT, username, username).get("access_token").asText();
    }

    /**
     * A demo user's token asked for at another address of this Keycloak ({@code localhost} instead of
     * 127.0.0.1): signed by the realm's key, with the right audience, roles and tenants, but issued by
     * {@code http://localhost:<port>/realms/switchboard}. A service must refuse it: it expects the issuer
     * it is configured with.
     */
    public String tokenFromAnotherIssuer(String username) {
        return passwordGrant("http://localhost:" + port + "/realms/" + REALM, CLIENT, username, username).get("access_token").asText();
    }

    /** The token response of a demo user's password grant on another public client of the realm (one a test made). */
    public JsonNode tokenResponse(String client, String username) {
        return passwordGrant(realmUrl(), client, username, username);
    }

    /** The claims of a JWT, read without checking its signature (for tests that look at what Keycloak issued). */
    public static JsonNode claims(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void ensureForeignClient() {
        if (foreignClientReady) {
            return;
        }
        Map<String, Object> tenants = Map.of("name", "tenants", "protocol", "openid-connect",
                "protocolMapper", "oidc-usermodel-attribute-mapper",
                "config", Map.of("user.attribute", "tenants", "claim.name", "tenants", "jsonType.label", "String",
                        "multivalued", "true", "access.token.claim", "true"));
        Map<String, Object> client = Map.of("clientId", FOREIGN_CLIENT, "enabled", true, "publicClient", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", true, "protocolMappers", List.of(tenants));
        int status = adminRequest("POST", "/clients", client).statusCode();
        if (status != 201 && status != 409) {
            throw new IllegalStateException("Keycloak refused client " + FOREIGN_CLIENT + ": " + status);
        }
        foreignClientReady = true;
    }

    /**
     * Creates a realm user (password = username) with realm roles and the tenants they serve, so a
     * suite can give its own random tenant a supervisor or an agent. Uses the admin REST API with the
     * bootstrap admin of the master realm.
     */
    public void createUser(String username, List<String> roles, List<String> tenants) {
        String admin = adminToken();
        Map<String, Object> user = Map.of("username", username, "enabled", true, "email", username + "@example.com",
                "emailVerified", true, "firstName", username, "lastName", "Test",
                "attributes", Map.of("tenants", tenants),
                "credentials", List.of(Map.of("type", "password", "value", username, "temporary", false)));
        HttpResponse<String> created = adminCall(admin, "POST", "/users", user);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Keycloak refused user " + username + ": " + created.body());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        List<JsonNode> roleRepresentations = roles.stream().map(role -> {
            try {
                return JSON.readTree(adminCall(admin, "GET", "/roles/" + encode(role), null).body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
        HttpResponse<String> mapped = adminCall(admin, "POST", "/users/" + userId + "/role-mappings/realm", roleRepresentations);
        if (mapped.statusCode() != 204) {
            throw new IllegalStateException("Keycloak refused roles " + roles + " for " + username + ": " + mapped.body());
        }
    }

    /**
     * A call to the realm's admin REST API as the bootstrap admin, for tests that read back or change
     * users behind a service's back (as an operator would in Keycloak's own admin console).
     */
    public HttpResponse<String> adminRequest(String method, String path, Object body) {
        return adminCall(adminToken(), method, path, body);
    }

    private String adminToken() {
        return passwordGrant("http://127.0.0.1:" + port + "/realms/master", "admin-cli", "admin", "admin")
                .get("access_token").asText();
    }

    private HttpResponse<String> adminCall(String token, String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/realms/"
                            + REALM + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json");
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Token requestToken(String username, String password) {
        JsonNode body = passwordGrant(realmUrl(), CLIENT, username, password);
        long lifetime = body.path("expires_in").asLong(300);
        return new Token(body.get("access_token").asText(), Instant.now().plusSeconds(Math.max(0, lifetime - 60)));
    }

    /** The token response of a password grant on a realm's public client. */
    private JsonNode passwordGrant(String realmUrl, String client, String username, String password) {
        String form = "grant_type=password&client_id=" + client + "&username=" + encode(username) + "&password="
                + encode(password) + "&scope=openid";
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = send(request);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitRealm(Duration timeout, Path log) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(realmUrl() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Unpacks the distribution once per version; Keycloak's first start then builds inside it. */
    private static Path unpacked(Path zip) throws IOException {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "switchboard-keycloak");
        Path home = root.resolve("keycloak-" + VERSION);
        if (Files.isExecutable(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, "unpack-");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path top = staging.resolve("keycloak-" + VERSION);
        top.resolve("bin/kc.sh").toFile().setExecutable(true);
        try {
            Files.move(top, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException raced) {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                throw raced;
            }
        }
        return home;
    }

    private static Path findZip() {
        String configured = System.getProperty("switchboard.keycloak.zip");
        Path zip = configured != null ? Path.of(configured)
                : Path.of("target", "keycloak", "keycloak-quarkus-dist-" + VERSION + ".zip").toAbsolutePath();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("no Keycloak distribution at " + zip + "; declare the maven-dependency-plugin "
                    + "execution keycloak-dist in this module (see the root pom)");
        }
        return zip;
    }

    /**
     * deploy/keycloak/switchboard-realm.json (the production realm), found from the module folder
     * upwards; its sibling {@value #LOCAL_OVERLAY} adds the demo users and the password grant.
     */
    private static Path findRealm() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path realm = dir.resolve("deploy/keycloak/switchboard-realm.json");
            if (Files.isRegularFile(realm)) {
                return realm;
            }
        }
        throw new IllegalStateException("deploy/keycloak/switchboard-realm.json not found above " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
