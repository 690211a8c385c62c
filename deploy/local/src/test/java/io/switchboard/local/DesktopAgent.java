package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An agent working in the inbox through the agent desktop's API on the local platform, with their own token. */
final class DesktopAgent {

    private static final URI DESKTOP = URI.create("http://127.0.0.1:8083/api");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newHttpClient();
    private final String agentId;
    private final String token;

    DesktopAgent(String agentId, String token) {
        this.agentId = agentId;
        this.token = token;
    }

    String agentId() {
        return agentId;
    }

    void goAvailable() throws Exception {
        setPresence("AVAILABLE");
    }

    void setPresence(String state) throws Exception {
        assertThat(send("PUT", "/me/presence", Map.of("state", state)).statusCode()).isEqualTo(202);
    }

    /** Waits until the contact is offered to this agent in their inbox, accepts it, and waits until it is theirs. */
    void accept(String contactId) throws Exception {
        JsonNode offer = awaitJson("/contacts", list -> find(list, contactId) != null && "OFFERED".equals(find(list, contactId).path("status").asText()),
                "an offer of " + contactId + " in " + agentId + "'s inbox");
        HttpResponse<String> accepted = send("POST", "/contacts/" + contactId + "/accept",
                Map.of("offerId", find(offer, contactId).path("offerId").asText()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitJson("/contacts/" + contactId, c -> "ASSIGNED".equals(c.at("/contact/status").asText()), contactId + " assigned to " + agentId);
    }

    /** Sends a reply from the inbox; returns its message id. */
    String reply(String contactId, Map<String, ?> body) throws Exception {
        HttpResponse<String> sent = send("POST", "/contacts/" + contactId + "/replies", body);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return JSON.readTree(sent.body()).path("messageId").asText();
    }

    /** Ends the contact with a disposition, freeing the agent's capacity for the next one. */
    void wrapUp(String contactId) throws Exception {
        HttpResponse<String> done = send("POST", "/contacts/" + contactId + "/wrap-up", Map.of("disposition", "resolved"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
    }

    JsonNode replyPolicy(String contactId) throws Exception {
        HttpResponse<String> policy = send("GET", "/contacts/" + contactId + "/reply-policy", null);
        assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);
        return JSON.readTree(policy.body());
    }

    /** The contact and its thread, as the inbox shows them. */
    JsonNode thread(String contactId) throws Exception {
        HttpResponse<String> thread = send("GET", "/contacts/" + contactId, null);
        assertThat(thread.statusCode()).as(thread.body()).isEqualTo(200);
        return JSON.readTree(thread.body());
    }

    /** Waits until the thread's message matches, e.g. the provider reported it delivered. */
    JsonNode awaitMessage(String contactId, String messageId, Predicate<JsonNode> matching, String what) throws Exception {
        JsonNode thread = awaitJson("/contacts/" + contactId, c -> {
            for (JsonNode m : c.path("messages")) {
                if (m.path("messageId").asText().equals(messageId) && matching.test(m)) {
                    return true;
                }
            }
            return false;
        }, what);
        for (JsonNode m : thread.path("messages")) {
            if (m.path("messageId").asText().equals(messageId)) {
                return m;
            }
        }
        throw new AssertionError(messageId + " vanished");
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> until, String what) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = send("GET", path, null);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                if (until.test(body)) {
                    return body;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError(what + " did not happen within " + WAIT.toSeconds() + " s; last answer: " + last);
    }

    private static JsonNode find(JsonNode list, String contactId) {
        for (JsonNode contact : list) {
            if (contact.path("contactId").asText().equals(contactId)) {
                return contact;
            }
        }
        return null;
    }

    HttpResponse<String> send(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(DESKTOP + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
