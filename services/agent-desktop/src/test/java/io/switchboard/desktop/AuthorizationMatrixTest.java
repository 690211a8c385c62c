package io.switchboard.desktop;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.events.AgentConfigured;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEnded;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.ContactOffered;
import io.switchboard.events.Direction;
import io.switchboard.events.QueueConfigured;
import io.switchboard.events.QueueStatsReported;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.TenantConfigured;
import io.switchboard.events.address.Address;
import io.switchboard.testing.kafka.KafkaBrokerResource;
import io.switchboard.testing.kafka.KafkaTestClient;
import io.switchboard.testing.keycloak.KeycloakResource;
import io.switchboard.testing.keycloak.KeycloakServer;
import io.switchboard.testing.postgres.PostgresDatabaseResource;
import io.switchboard.testing.websocket.JsonSocketClient;

/**
 * Every endpoint of the desktop, REST and the inbox socket, as anonymous, a signed-in user without an inbox role, an
 * agent, a supervisor and an admin of acme-bank, and an agent, a supervisor and an admin of globex-travel, with real
 * Keycloak tokens. The endpoints come from the compiled classes (JAX-RS resources, sockets, routes): a new endpoint,
 * or a new resource class, without a row fails the test. Commands aim at a contact that has ended, so an allowed
 * caller gets a deterministic refusal of the content (400, 409) instead of a change. The reports, campaigns and fax
 * endpoints pass the request on with the caller's own token and the owning service decides (its own matrix test);
 * here they must reach it with exactly that token. Beyond the matrix: another tenant's ids on every contact
 * endpoint, filters naming another tenant, and crafted socket frames.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(value = PostgresDatabaseResource.class, initArgs = @ResourceArg(name = "prefix", value = "desktopauth"))
@WithTestResource(KeycloakResource.class)
@WithTestResource(ChannelStubResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    /** {@code expected}: one status per caller of {@link #CALLERS}, in that order. */
    private record Row(String method, String path, String body, List<Integer> expected) {
    }

    /** The first frame each caller's socket gets after its token: {@code ready}, or the error code it is refused with. */
    private record SocketRow(String path, List<String> expected) {
    }

    private static final int OK = 200;
    /** Passed on to the owning service with the caller's own token; its answer comes back as it was. */
    private static final int FORWARDED = -1;
    private static final String UPSTREAM = "answered-by-the-owning-service";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final URI SOURCE = URI.create("/tests/agent-desktop/authorization");
    private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String NO_ROLE = "norole-" + SUFFIX;
    private static final String GLOBEX_ADMIN = "globexadmin-" + SUFFIX;
    /** The columns: null is anonymous; alice, sam, ada serve acme-bank (ada also globex-travel); dave, gina and the admin only globex-travel. */
    private static final List<String> CALLERS = Arrays.asList(null, NO_ROLE, "alice", "sam", "ada", "dave", "gina", GLOBEX_ADMIN);
    private static final String SCORECARD = "{\"name\":\"Chats\",\"criteria\":[{\"id\":\"greeting\",\"label\":\"Greets\",\"weight\":1,\"maxScore\":1}]}";
    private static final String POLICY = "{\"share\":1.0,\"minimumPerAgentPerWeek\":0}";
    private static final String SCHEDULE = UUID.randomUUID().toString();

    @TestHTTPResource("/")
    URI base;

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Map<String, SocketRow> socketRows = new LinkedHashMap<>();
    private final List<JsonSocketClient> sockets = new ArrayList<>();
    private KafkaTestClient kafka;
    /** acme-bank: a chat alice holds, and one she held that has ended (with its pending evaluation). globex-travel: a chat dave holds. */
    private String live;
    private String ended;
    private String evaluationId;
    private String globex;

    /** Once per class, but after Quarkus has pointed REST Assured at the app (it does so before each test). */
    @BeforeEach
    void setUp() {
        if (kafka != null) {
            return;
        }
        KeycloakServer.shared().createUser(NO_ROLE, List.of(), List.of("acme-bank"));
        KeycloakServer.shared().createUser(GLOBEX_ADMIN, List.of("admin"), List.of("globex-travel"));
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        ChannelStubResource.server().stubFor(any(urlPathMatching("/(reporting|campaigns|fax)/.*"))
                .willReturn(okJson("{\"status\":\"" + UPSTREAM + "\"}")));
        configure();
        live = assigned("acme-bank", "alice", "billing");
        ended = assigned("acme-bank", "alice", "billing");
        publish(new ContactEnded(UUID.randomUUID(), "acme-bank", Instant.now(), ended, Channel.CHAT, ContactEnded.Reason.CUSTOMER_LEFT,
                null, null, null, null, null));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/wrapups").then().body("contact.contactId", hasItem(ended)));
        evaluationId = await().atMost(WAIT).until(() -> as("sam").get("/api/qa/evaluations").then().statusCode(OK).extract()
                .jsonPath().<String>getString("find { it.contactId == '" + ended + "' }.evaluationId"), java.util.Objects::nonNull);
        globex = assigned("globex-travel", "dave", "bookings");

        String c = "/contacts/{id}";
        row("GET", "/config", null, OK, OK, OK, OK, OK, OK, OK, OK);
        row("GET", "/me", null, 401, 403, OK, OK, OK, OK, OK, OK);
        row("PUT", "/me/presence", "{\"state\":\"lunch\"}", 401, 403, 400, 400, 400, 400, 400, 400);
        row("GET", "/contacts", null, 401, 403, OK, OK, OK, OK, OK, OK);
        row("GET", c, null, 401, 403, OK, OK, OK, 404, 404, 404);
        row("GET", c + "/reply-policy", null, 401, 403, OK, OK, OK, 404, 404, 404);
        row("GET", c + "/customer", null, 401, 403, OK, OK, OK, 404, 404, 404);
        row("GET", c + "/canned-responses", null, 401, 403, OK, OK, OK, 404, 404, 404);
        // The contact ended: its holder and the tenant's supervisors pass the checks and meet a 409.
        row("POST", c + "/read", null, 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/hold", null, 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/resume", null, 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/typing", null, 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/accept", "{\"offerId\":\"no-such-offer\"}", 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/decline", "{\"offerId\":\"no-such-offer\"}", 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/replies", "{\"text\":\"Hello\"}", 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/transfer", "{\"queueId\":\"general\"}", 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/end", null, 401, 403, 409, 409, 409, 404, 404, 404);
        row("POST", c + "/wrap-up", "{\"disposition\":\"resolved\"}", 401, 403, 409, 409, 409, 404, 404, 404);
        // Only the agent who held it wraps it up (400: billing has no such code); its supervisors are told 403.
        row("POST", c + "/wrapup", "{\"dispositionCode\":\"NO-SUCH-CODE\"}", 401, 403, 400, 403, 403, 404, 404, 404);
        row("POST", c + "/notes", "{\"text\":\"\"}", 401, 403, 403, 400, 400, 403, 404, 404);
        row("POST", c + "/monitor", "{\"mode\":\"LISTEN\"}", 401, 403, 403, 409, 409, 403, 404, 404);
        // alice may call for acme-bank (400: no number); sam and ada are not configured as its agents; globex's users do not serve it.
        row("POST", "/calls", "{\"to\":\"\",\"tenantId\":\"acme-bank\"}", 401, 403, 400, 403, 403, 404, 404, 404);
        row("GET", "/directory", null, 401, 403, OK, OK, OK, OK, OK, OK);
        row("GET", "/wrapups", null, 401, 403, OK, OK, OK, OK, OK, OK);
        row("GET", "/supervisor/queues", null, 401, 403, 403, OK, OK, 403, OK, OK);
        row("GET", "/supervisor/agents", null, 401, 403, 403, OK, OK, 403, OK, OK);
        row("GET", "/supervisor/contacts", null, 401, 403, 403, OK, OK, 403, OK, OK);
        int f = FORWARDED;
        row("GET", "/reports/tenants/{tenant}/{view}", null, 401, 403, 403, f, f, 403, f, f);
        row("GET", "/reports/tenants/{tenant}/schedules", null, 401, 403, 403, f, f, 403, f, f);
        row("PUT", "/reports/tenants/{tenant}/schedules/{id}", "{}", 401, 403, 403, f, f, 403, f, f);
        row("DELETE", "/reports/tenants/{tenant}/schedules/{id}", null, 401, 403, 403, f, f, 403, f, f);
        row("GET", "/reports/tenants/{tenant}/schedules/{id}/deliveries", null, 401, 403, 403, f, f, 403, f, f);
        row("GET", "/campaigns/tenants/{tenant}/{path: .*}", null, 401, 403, f, f, f, f, f, f);
        row("POST", "/campaigns/tenants/{tenant}/{path: .*}", "{}", 401, 403, f, f, f, f, f, f);
        row("PUT", "/campaigns/tenants/{tenant}/{path: .*}", "{}", 401, 403, f, f, f, f, f, f);
        row("DELETE", "/campaigns/tenants/{tenant}/{path: .*}", null, 401, 403, f, f, f, f, f, f);
        row("GET", "/fax/faxes/{id}", null, 401, 403, f, f, f, f, f, f);
        row("GET", "/fax/faxes/{id}/document", null, 401, 403, f, f, f, f, f, f);
        row("GET", "/fax/faxes/{id}/thumbnail", null, 401, 403, f, f, f, f, f, f);
        row("GET", "/qa/evaluations", null, 401, 403, 403, OK, OK, 403, OK, OK);
        row("GET", "/qa/evaluations/mine", null, 401, 403, OK, OK, OK, OK, OK, OK);
        // The evaluation of alice's ended contact is pending: she sees it once scored.
        row("GET", "/qa/evaluations/{id}", null, 401, 403, 404, OK, OK, 404, 404, 404);
        row("POST", "/qa/evaluations/{id}/score", "{\"scores\":{}}", 401, 403, 404, 400, 400, 404, 404, 404);
        row("GET", "/qa/tenants/{tenant}/scorecard", null, 401, 403, OK, OK, OK, 404, 404, 404);
        row("PUT", "/qa/tenants/{tenant}/scorecard", SCORECARD, 401, 403, 403, OK, OK, 404, 404, 404);
        row("GET", "/qa/tenants/{tenant}/queues/{queue}/policy", null, 401, 403, 403, OK, OK, 404, 404, 404);
        row("PUT", "/qa/tenants/{tenant}/queues/{queue}/policy", POLICY, 401, 403, 403, OK, OK, 404, 404, 404);

        socketRows.put("WS /ws/desktop", new SocketRow("/ws/desktop",
                List.of("unauthenticated", "forbidden", "ready", "ready", "ready", "ready", "ready", "ready")));
    }

    @AfterAll
    void closeClients() {
        sockets.forEach(JsonSocketClient::close);
        if (kafka != null) {
            kafka.close();
        }
    }

    private void row(String method, String path, String body, int... expected) {
        assertThat(expected).as(method + " " + path).hasSize(CALLERS.size());
        rows.put(method + " /api" + path, new Row(method, "/api" + path, body, Arrays.stream(expected).boxed().toList()));
    }

    // ------------------------------------------------------------------ the matrix

    @Test
    void everyEndpointOfTheServiceHasARow() {
        TreeSet<String> served = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.switchboard.desktop")) {
            if (type.isInterface()) {
                // REST clients of other services: their paths are theirs.
                continue;
            }
            for (String socket : List.of("io.quarkus.websockets.next.WebSocket", "jakarta.websocket.server.ServerEndpoint")) {
                if (type.isAnnotatedWith(socket)) {
                    served.add("WS " + annotationText(type.getAnnotationOfType(socket).get(socket.endsWith("WebSocket") ? "path" : "value")));
                }
            }
            String root = type.isAnnotatedWith("jakarta.ws.rs.Path") ? annotationText(type.getAnnotationOfType("jakarta.ws.rs.Path").get("value"))
                    : null;
            for (JavaMethod method : type.getMethods()) {
                if (method.isAnnotatedWith("io.quarkus.vertx.web.Route")) {
                    served.add("ROUTE " + type.getName() + "#" + method.getName());
                }
                if (root == null) {
                    continue;
                }
                String sub = method.isAnnotatedWith("jakarta.ws.rs.Path")
                        ? annotationText(method.getAnnotationOfType("jakarta.ws.rs.Path").get("value")) : "";
                String verb = verbOf(method);
                if (verb != null || !sub.isEmpty()) {
                    // A sub-resource locator (a @Path without a verb) shows up as LOCATOR: its endpoints need rows too.
                    String path = ("/api/" + root + "/" + sub).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                    served.add((verb == null ? "LOCATOR" : verb) + " " + path);
                }
            }
        }
        TreeSet<String> listed = new TreeSet<>(rows.keySet());
        listed.addAll(socketRows.keySet());
        assertThat(served).as("endpoints without a row in the authorization matrix").isSubsetOf(listed);
        assertThat(listed).as("rows for endpoints the service does not serve").isSubsetOf(served);
    }

    @Test
    void everyCallerGetsWhatTheirRoleAndTenantsAllow() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows.values()) {
            for (int column = 0; column < CALLERS.size(); column++) {
                check(failures, row, CALLERS.get(column), row.expected().get(column));
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyCallersSocketIsReadyOrRefusedByTheirToken() {
        for (SocketRow row : socketRows.values()) {
            for (int column = 0; column < CALLERS.size(); column++) {
                String user = CALLERS.get(column);
                JsonSocketClient socket = connect(row.path());
                if (user != null) {
                    socket.send(authFrame(user, ""));
                }
                JsonNode first = socket.await(frame -> true);
                String got = "ready".equals(first.path("type").asText()) ? "ready" : first.path("code").asText();
                assertThat(got).as(row.path() + " as " + (user == null ? "anonymous" : user)).isEqualTo(row.expected().get(column));
                if (!"ready".equals(got)) {
                    await().atMost(WAIT).until(socket::closedByServer);
                }
            }
        }
    }

    /** The realm signs tokens for other applications too: only those minted for switchboard-api are taken. */
    @Test
    void aTokenMintedForAnotherClientOfTheRealmIsRefusedOnTheApiAndTheSocket() {
        given().auth().oauth2(KeycloakServer.shared().foreignClientToken("alice")).get("/api/me").then().statusCode(401);
        JsonSocketClient socket = connect("/ws/desktop");
        socket.send("{\"type\":\"auth\",\"token\":\"" + KeycloakServer.shared().foreignClientToken("alice") + "\"}");
        assertThat(socket.await("error").path("code").asText()).isEqualTo("unauthenticated");
        await().atMost(WAIT).until(socket::closedByServer);
    }

    // ------------------------------------------------------------------ tenant isolation beyond the matrix

    /** Every contact endpoint with a body its holder's request would carry, so only the contact's tenant can refuse it. */
    @Test
    void anotherTenantsContactIdIsNotFoundOnEveryContactEndpointAndChangesNothing() {
        Map<String, String> wouldSucceed = Map.of("/replies", "{\"text\":\"Your refund is on its way\"}", "/transfer",
                "{\"queueId\":\"general\"}", "/wrap-up", "{\"disposition\":\"resolved\"}", "/wrapup", "{}", "/notes",
                "{\"text\":\"Take it from here\"}", "/monitor", "{\"mode\":\"BARGE\"}");
        List<String> failures = new ArrayList<>();
        for (Row row : rows.values()) {
            if (!row.path().startsWith("/api/contacts/{id}")) {
                continue;
            }
            String tail = row.path().substring("/api/contacts/{id}".length());
            String body = wouldSucceed.getOrDefault(tail, row.body());
            for (String[] guess : List.of(new String[] {"dave", live}, new String[] {"gina", live}, new String[] {GLOBEX_ADMIN, live},
                    new String[] {"alice", globex}, new String[] {"sam", globex})) {
                RequestSpecification request = as(guess[0]);
                if (body != null) {
                    request.contentType(ContentType.JSON).body(body);
                }
                String path = row.path().replace("{id}", guess[1]);
                Response response = request.request(row.method(), path);
                // 403 only where the role is refused before any contact is looked at (an agent writing a supervisor's note).
                boolean roleRefused = response.statusCode() == 403 && (tail.equals("/notes") || tail.equals("/monitor"))
                        && List.of("dave", "alice").contains(guess[0]);
                if (response.statusCode() != 404 && !roleRefused || response.asString().contains("charged twice")) {
                    failures.add(row.method() + " " + path + " as " + guess[0] + ": " + response.statusCode() + " " + response.asString());
                }
            }
        }
        assertThat(failures).isEmpty();
        for (String[] holder : List.of(new String[] {"alice", live}, new String[] {"dave", globex})) {
            as(holder[0]).get("/api/contacts/" + holder[1]).then().statusCode(OK).body("contact.status", equalTo("ASSIGNED"))
                    .body("contact.agentId", equalTo(holder[0])).body("messages", hasSize(1)).body("notes", empty());
        }
        for (String user : List.of("dave", "gina", GLOBEX_ADMIN)) {
            as(user).get("/api/qa/evaluations/" + evaluationId).then().statusCode(404);
            as(user).contentType(ContentType.JSON).body("{\"scores\":{\"greeting\":1}}").post("/api/qa/evaluations/" + evaluationId + "/score")
                    .then().statusCode(404);
        }
        as("sam").get("/api/qa/evaluations/" + evaluationId).then().statusCode(OK).body("status", equalTo("PENDING"));
    }

    @Test
    void filtersNamingAnotherTenantOrItsQueuesAreIgnoredOrRefused() {
        String acme = "?tenant=acme-bank&tenantId=acme-bank&tenants=acme-bank&agentId=alice&queueId=billing";
        as("dave").get("/api/contacts" + acme).then().statusCode(OK).body("contactId", not(hasItem(live)))
                .body("tenantId", everyItem(equalTo("globex-travel")));
        as("dave").get("/api/wrapups" + acme).then().statusCode(OK).body("contact.contactId", not(hasItem(ended)));
        as("dave").get("/api/directory" + acme).then().statusCode(OK).body("queues.tenantId", everyItem(equalTo("globex-travel")))
                .body("agents.id", not(hasItem("alice"))).body("callerIds.tenantId", not(hasItem("acme-bank")));
        as("dave").get("/api/qa/evaluations/mine" + acme).then().statusCode(OK).body("evaluationId", not(hasItem(evaluationId)));
        for (String user : List.of("gina", GLOBEX_ADMIN)) {
            as(user).get("/api/supervisor/contacts" + acme).then().statusCode(OK).body("contactId", not(hasItem(live)))
                    .body("tenantId", everyItem(equalTo("globex-travel")));
            as(user).get("/api/supervisor/queues" + acme).then().statusCode(OK).body("tenantId", everyItem(equalTo("globex-travel")));
            as(user).get("/api/supervisor/agents" + acme).then().statusCode(OK).body("agentId", not(hasItem("alice")));
            as(user).get("/api/qa/evaluations" + acme + "&status=PENDING").then().statusCode(OK)
                    .body("evaluationId", not(hasItem(evaluationId))).body("tenantId", everyItem(equalTo("globex-travel")));
            // acme-bank's queue under the caller's own tenant is no queue of theirs.
            as(user).get("/api/qa/tenants/globex-travel/queues/billing/policy").then().statusCode(404);
            as(user).contentType(ContentType.JSON).body(POLICY).put("/api/qa/tenants/globex-travel/queues/billing/policy")
                    .then().statusCode(404);
        }
        as("dave").contentType(ContentType.JSON).body("{\"to\":\"+447400123456\",\"tenantId\":\"acme-bank\"}").post("/api/calls")
                .then().statusCode(404);
        // A transfer names a queue or an agent of the contact's own tenant only.
        as("alice").contentType(ContentType.JSON).body("{\"queueId\":\"bookings\"}").post("/api/contacts/" + live + "/transfer")
                .then().statusCode(400);
        as("alice").contentType(ContentType.JSON).body("{\"agentId\":\"dave\"}").post("/api/contacts/" + live + "/transfer")
                .then().statusCode(400);
    }

    @Test
    void aSocketTakesNothingButItsTokenAndPushesOnlyItsOwnTenants() {
        JsonSocketClient alice = signedIn("alice");
        JsonSocketClient sam = signedIn("sam");
        JsonSocketClient dave = signedIn("dave");
        JsonSocketClient gina = signedIn("gina");
        // Frames naming another tenant's contact, agent or tenant: the socket takes auth frames only.
        for (String crafted : List.of("{\"type\":\"accept\",\"contactId\":\"" + globex + "\",\"offerId\":\"" + globex + "#1\"}",
                "{\"type\":\"subscribe\",\"tenantId\":\"globex-travel\"}", "{\"type\":\"reply\",\"contactId\":\"" + globex
                        + "\",\"text\":\"hi\"}", "{\"type\":\"presence\",\"agentId\":\"dave\",\"state\":\"OFFLINE\"}")) {
            alice.send(crafted);
            assertThat(alice.await("error").path("code").asText()).isEqualTo("bad_frame");
        }
        // Claims beside a token count for nothing: who the socket serves comes from the token alone.
        alice.send(authFrame("alice", ",\"agentId\":\"dave\",\"tenants\":[\"globex-travel\"],\"supervisor\":true"));
        gina.send(authFrame("gina", ",\"tenants\":[\"acme-bank\"],\"tenantId\":\"acme-bank\""));

        String watched = assigned("acme-bank", "alice", "billing");
        String offered = contact("globex-travel");
        publish(new ContactOffered(UUID.randomUUID(), "globex-travel", Instant.now(), offered, Channel.CHAT, "bookings", "dave",
                offered + "#1", Instant.now().plusSeconds(60)));
        publish(stats("globex-travel", "bookings"));
        publish(stats("acme-bank", "billing"));
        as("sam").contentType(ContentType.JSON).body("{\"text\":\"Offer the goodwill credit\"}").post("/api/contacts/" + watched + "/notes")
                .then().statusCode(201);
        dave.await(frame -> "offer".equals(frame.path("type").asText()) && offered.equals(frame.at("/contact/contactId").asText()));
        gina.await(frame -> "queue".equals(frame.path("type").asText()) && "bookings".equals(frame.at("/queue/queueId").asText()));
        sam.await(frame -> "queue".equals(frame.path("type").asText()) && "billing".equals(frame.at("/queue/queueId").asText()));
        alice.await(frame -> "note".equals(frame.path("type").asText()) && watched.equals(frame.path("contactId").asText()));

        assertThat(framesSoFar(alice)).as("alice's pushes").noneMatch(frame -> frame.toString().contains("globex-travel")
                || frame.toString().contains(offered));
        assertThat(framesSoFar(sam)).as("sam's pushes").noneMatch(frame -> frame.toString().contains("globex-travel"));
        assertThat(framesSoFar(gina)).as("gina's pushes").noneMatch(frame -> frame.toString().contains("acme-bank")
                || frame.toString().contains(watched));
        assertThat(framesSoFar(dave)).as("dave's pushes").noneMatch(frame -> frame.toString().contains("acme-bank"));
    }

    /** A user removed from a tenant, or signed out, keeps no window on it: the socket lives as long as its last token. */
    @Test
    void aSocketWhoseTokenExpiredGetsNoMorePushesAndIsClosed() throws Exception {
        JsonSocketClient sam = signedIn("sam");
        String token = shortLivedToken("sam", 8);
        Instant expired = Instant.ofEpochSecond(KeycloakServer.claims(token).path("exp").asLong()).plusSeconds(1);
        JsonSocketClient expiring = connect("/ws/desktop");
        expiring.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
        expiring.await("ready");
        publish(stats("acme-bank", "general", 3));
        expiring.await(frame -> "queue".equals(frame.path("type").asText()) && frame.at("/queue/waiting").asInt() == 3);

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expired).toMillis()));
        publish(stats("acme-bank", "general", 4));
        sam.await(frame -> "queue".equals(frame.path("type").asText()) && frame.at("/queue/waiting").asInt() == 4);
        List<JsonNode> after = new ArrayList<>();
        JsonNode refused = expiring.await(frame -> after.add(frame) && "error".equals(frame.path("type").asText()));
        assertThat(refused.path("code").asText()).isEqualTo("unauthenticated");
        assertThat(after).as("pushes after the token expired").noneMatch(frame -> "queue".equals(frame.path("type").asText()));
        await().atMost(WAIT).until(expiring::closedByServer);
    }

    // ------------------------------------------------------------------ helpers

    private void check(List<String> failures, Row row, String user, int expected) {
        String path = concrete(row.path());
        RequestSpecification request = user == null ? given() : as(user);
        if (row.body() != null) {
            request.contentType(ContentType.JSON).body(row.body());
        }
        WireMockServer upstream = ChannelStubResource.server();
        upstream.resetRequests();
        Response response = request.request(row.method(), path);
        int status = response.statusCode();
        boolean ok;
        if (expected == FORWARDED) {
            List<LoggedRequest> passed = upstream.findAll(anyRequestedFor(anyUrl()));
            ok = status == OK && response.asString().contains(UPSTREAM) && passed.size() == 1 && passed.get(0).getUrl().contains(path)
                    && ("Bearer " + KeycloakServer.shared().accessToken(user)).equals(passed.get(0).getHeader("Authorization"));
        } else {
            ok = status == expected && upstream.findAll(anyRequestedFor(anyUrl())).isEmpty();
        }
        if (!ok) {
            failures.add(row.method() + " " + path + " as " + (user == null ? "anonymous" : user) + ": " + status + " (expected "
                    + (expected == FORWARDED ? "passed on with the caller's token" : expected) + ") " + response.asString());
        }
    }

    private String concrete(String path) {
        String id = path.startsWith("/api/qa/evaluations/") ? evaluationId : path.startsWith("/api/fax/") ? "fax-" + SUFFIX
                : path.contains("/schedules/") ? SCHEDULE : ended;
        return path.replace("{tenant}", "acme-bank").replace("{view}", "queues").replace("{queue}", "billing")
                .replace("{path: .*}", "campaigns").replace("{id}", id);
    }

    private static String verbOf(JavaMethod method) {
        for (String verb : List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")) {
            if (method.isAnnotatedWith("jakarta.ws.rs." + verb)) {
                return verb;
            }
        }
        return null;
    }

    private static String annotationText(java.util.Optional<Object> value) {
        return value.map(v -> v instanceof Object[] values ? String.join(",", Arrays.stream(values).map(String::valueOf).toList())
                : String.valueOf(v)).orElse("");
    }

    /** The frames the socket got so far: the error answering a bad frame comes after every push already sent to it. */
    private static List<JsonNode> framesSoFar(JsonSocketClient socket) {
        List<JsonNode> frames = new ArrayList<>();
        socket.send("{\"type\":\"flush\"}");
        socket.await(frame -> {
            if ("error".equals(frame.path("type").asText()) && "bad_frame".equals(frame.path("code").asText())) {
                return true;
            }
            frames.add(frame);
            return false;
        });
        return frames;
    }

    private void configure() {
        publish(tenant("acme-bank", "GB", List.of(new TenantConfigured.EntryPoint(Channel.VOICE, "+442079460000", "billing"),
                new TenantConfigured.EntryPoint(Channel.CHAT, "widget-acme", "billing"))));
        publish(tenant("globex-travel", "ES", List.of(new TenantConfigured.EntryPoint(Channel.CHAT, "widget-globex", "bookings"))));
        publish(queue("acme-bank", "billing"));
        publish(queue("acme-bank", "general"));
        publish(queue("globex-travel", "bookings"));
        publish(agent("alice", "acme-bank"));
        publish(agent("bob", "acme-bank"));
        publish(agent("dave", "globex-travel"));
        await().atMost(WAIT).untilAsserted(() -> as("alice").get("/api/directory").then().statusCode(OK)
                .body("queues.id", hasItem("general")).body("agents.id", hasItem("bob")));
        await().atMost(WAIT).untilAsserted(() -> as("dave").get("/api/directory").then().statusCode(OK).body("queues.id", hasItem("bookings")));
        as("sam").contentType(ContentType.JSON).body(SCORECARD).put("/api/qa/tenants/acme-bank/scorecard").then().statusCode(OK);
        as("sam").contentType(ContentType.JSON).body(POLICY).put("/api/qa/tenants/acme-bank/queues/billing/policy").then().statusCode(OK);
    }

    /** A chat of the tenant that routing assigned to the agent, with one customer message. */
    private String assigned(String tenant, String agent, String queue) {
        String contactId = contact(tenant);
        publish(new ContactOffered(UUID.randomUUID(), tenant, Instant.now(), contactId, Channel.CHAT, queue, agent, contactId + "#1",
                Instant.now().plusSeconds(60)));
        publish(new ContactAssigned(UUID.randomUUID(), tenant, Instant.now(), contactId, Channel.CHAT, queue, agent, contactId + "#1"));
        await().atMost(WAIT).untilAsserted(() -> as(agent).get("/api/contacts/" + contactId).then().statusCode(OK)
                .body("contact.status", equalTo("ASSIGNED")).body("messages", hasSize(1)));
        return contactId;
    }

    private String contact(String tenant) {
        String contactId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(new ContactCreated(UUID.randomUUID(), tenant, now, contactId, Channel.CHAT, Direction.INBOUND, "widget-" + tenant,
                Address.chatVisitor("v-" + contactId), null, Map.of("name", "Jane Doe"), null, "I was charged twice", List.of(), "en", 0,
                Map.of()));
        publish(new ContactMessageReceived(UUID.randomUUID(), tenant, now, contactId, "m1-" + contactId, Channel.CHAT,
                Address.chatVisitor("v-" + contactId), "I was charged twice", List.of(), Map.of()));
        return contactId;
    }

    private JsonSocketClient connect(String path) {
        JsonSocketClient socket = JsonSocketClient.connect(URI.create("ws://" + base.getHost() + ":" + base.getPort() + path), null);
        sockets.add(socket);
        return socket;
    }

    private JsonSocketClient signedIn(String user) {
        JsonSocketClient socket = connect("/ws/desktop");
        socket.send(authFrame(user, ""));
        assertThat(socket.await("ready").path("agentId").asText()).isEqualTo(user);
        return socket;
    }

    private static String authFrame(String user, String extraFields) {
        return "{\"type\":\"auth\",\"token\":\"" + KeycloakServer.shared().accessToken(user) + "\"" + extraFields + "}";
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakServer.shared().accessToken(user));
    }

    private void publish(SwitchboardEvent event) {
        kafka.publish(event, SOURCE);
    }

    private static QueueStatsReported stats(String tenant, String queue) {
        return stats(tenant, queue, 2);
    }

    private static QueueStatsReported stats(String tenant, String queue, int waiting) {
        return new QueueStatsReported(UUID.randomUUID(), tenant, Instant.now(), queue, waiting, 30L, 1, LocalDate.now(), 5, 4, 4, 1, 0.8,
                20, 80);
    }

    /**
     * A demo user's token that expires after {@code seconds}, from a client of the realm made like the inbox's (tenants
     * claim, switchboard-api audience) but with that lifespan, so the inbox's own client stays as it is.
     */
    private static String shortLivedToken(String user, int seconds) {
        KeycloakServer keycloak = KeycloakServer.shared();
        String client = "short-lived-" + SUFFIX;
        Map<String, Object> tenants = Map.of("name", "tenants", "protocol", "openid-connect", "protocolMapper",
                "oidc-usermodel-attribute-mapper", "config", Map.of("user.attribute", "tenants", "claim.name", "tenants",
                        "jsonType.label", "String", "multivalued", "true", "access.token.claim", "true"));
        Map<String, Object> audience = Map.of("name", "audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.client.audience", "switchboard-api", "access.token.claim", "true"));
        int created = keycloak.adminRequest("POST", "/clients", Map.of("clientId", client, "enabled", true, "publicClient", true,
                "standardFlowEnabled", false, "directAccessGrantsEnabled", true, "protocolMappers", List.of(tenants, audience),
                "attributes", Map.of("access.token.lifespan", String.valueOf(seconds)))).statusCode();
        assertThat(created).isIn(201, 409);
        JsonNode body = keycloak.tokenResponse(client, user);
        // Keycloak counts expires_in from its own clock's current second, so it may read one less than the lifespan.
        assertThat(body.path("expires_in").asInt()).isBetween(seconds - 1, seconds);
        return body.path("access_token").asText();
    }

    private static QueueConfigured queue(String tenant, String id) {
        return new QueueConfigured(UUID.nameUUIDFromBytes(("queue:" + tenant + id).getBytes()), tenant, SINCE, id, id, Map.of(), 0,
                new QueueConfigured.ServiceLevelTarget(20, 80), QueueConfigured.Strategy.LONGEST_IDLE, 0, 20, 0, null, List.of(), null,
                false, true);
    }

    private static TenantConfigured tenant(String id, String region, List<TenantConfigured.EntryPoint> entryPoints) {
        return new TenantConfigured(UUID.nameUUIDFromBytes(("tenant:" + id).getBytes()), id, SINCE, id, "Europe/London", region, null,
                entryPoints.get(0).queueId(), entryPoints);
    }

    private static AgentConfigured agent(String id, String tenant) {
        return new AgentConfigured(UUID.nameUUIDFromBytes(("agent:" + id).getBytes()), tenant, SINCE, id, id, List.of(tenant),
                Map.of("billing", 3), Map.of(Channel.CHAT, 3), false, true);
    }
}
