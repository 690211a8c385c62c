package io.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.local.providers.Signatures;

/**
 * Inbound messages posted to a local channel as their provider posts them (signed webhooks), each with its own
 * provider id, and what the channel answered to each: the HTTP status, or {@link #NO_ANSWER} when the connection
 * failed or timed out. A message whose answer was not a 2xx is one the provider would send again. An agent's replies
 * through the inbox's API (signed by the agent's token, each named by the client) are posted the same way.
 */
final class SignedWebhooks {

    static final int NO_ANSWER = -1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Function<String, HttpRequest.Builder> requestFor;
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();

    private SignedWebhooks(Function<String, HttpRequest.Builder> requestFor) {
        this.requestFor = requestFor;
    }

    /** Texts from one customer ({@code from}) to one of the center's numbers ({@code to}), as Twilio signs them. */
    static SignedWebhooks twilioTexts(String token, String account, String to, String from) {
        return twilioForms("http://127.0.0.1:8087/webhooks/twilio/sms", token, sid -> Map.of("From", from, "To", to,
                "Body", "Where is my parcel? " + sid, "MessageSid", sid, "NumMedia", "0", "AccountSid", account));
    }

    /** Faxes from {@code from} to the center's fax number {@code to}, each the document at {@code mediaUrl}, as Twilio signs them. */
    static SignedWebhooks twilioFaxes(String token, String account, String to, String from, String mediaUrl) {
        return twilioForms("http://127.0.0.1:8093/webhooks/twilio/fax", token, sid -> Map.of("FaxSid", sid, "AccountSid", account,
                "From", from, "To", to, "FaxStatus", "received", "NumPages", "2", "MediaUrl", mediaUrl,
                "MediaContentType", "application/pdf"));
    }

    private static SignedWebhooks twilioForms(String url, String token, Function<String, Map<String, String>> formFor) {
        return new SignedWebhooks(sid -> {
            Map<String, String> form = formFor.apply(sid);
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", Signatures.twilio(token, url, form)).POST(HttpRequest.BodyPublishers.ofString(body));
        });
    }

    /**
     * WhatsApp messages from one customer ({@code waId}) to the business number {@code phoneNumberId}, as Meta's Cloud
     * API posts them, signed with the app secret; each message's text ends with its id.
     */
    static SignedWebhooks whatsAppMessages(String appSecret, String phoneNumberId, String waId) {
        String url = "http://127.0.0.1:8088/webhooks/meta";
        return new SignedWebhooks(id -> {
            var payload = JSON.createObjectNode().put("object", "whatsapp_business_account");
            var value = payload.putArray("entry").addObject().put("id", "900000000000001").putArray("changes").addObject()
                    .put("field", "messages").putObject("value").put("messaging_product", "whatsapp");
            value.putObject("metadata").put("display_phone_number", "15550000001").put("phone_number_id", phoneNumberId);
            value.putArray("contacts").addObject().put("wa_id", waId).putObject("profile").put("name", "Walter Crash");
            value.putArray("messages").addObject().put("from", waId).put("id", id)
                    .put("timestamp", String.valueOf(Instant.now().getEpochSecond())).put("type", "text")
                    .putObject("text").put("body", "Is my transfer through? " + id);
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(payload);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .header("X-Hub-Signature-256", Signatures.meta(appSecret, body)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        });
    }

    /** An agent's replies to the contact through the inbox, each named by its client message id ({@link #messageId}). */
    static SignedWebhooks inboxReplies(String contactId, String agentToken) {
        URI url = URI.create("http://127.0.0.1:8083/api/contacts/" + contactId + "/replies");
        return new SignedWebhooks(id -> HttpRequest.newBuilder(url).header("Authorization", "Bearer " + agentToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        JSON.createObjectNode().put("text", replyText(id)).put("messageId", messageId(id)).toString())));
    }

    /** The UUID a client names reply {@code id} with. */
    static String messageId(String id) {
        return java.util.UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String replyText(String id) {
        return "Your refund is on its way " + id;
    }

    /** The provider id of message {@code index} of a run: {@code prefix}, the run, and the index, 24 digits. */
    static String id(String prefix, String run, int index) {
        return prefix + run + String.format("%024d", index);
    }

    /** Sends {@code id(prefix, run, 0..count-1)} at {@code perSecond}, running {@code during} once a third have gone. */
    void sendPaced(String prefix, String run, int count, int perSecond, Runnable during) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        PacedSteps.run(0, count, perSecond, during, i -> {
            String id = id(prefix, run, i);
            pool.submit(() -> answers.put(id, send(id)));
        });
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("messages still unanswered after 60 s");
        }
    }

    /** Sends each message not yet answered with a 2xx again, as the provider retries, until all are or {@code rounds} run out. */
    void retryUnacknowledged(int rounds) throws InterruptedException {
        for (int round = 0; round < rounds && answers.values().stream().anyMatch(status -> !accepted(status)); round++) {
            answers.replaceAll((id, status) -> accepted(status) ? status : send(id));
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** Sends these messages once more, as a provider does when it never saw the answer; returns what each got. */
    Map<String, Integer> resend(java.util.Collection<String> ids) {
        Map<String, Integer> again = new java.util.HashMap<>();
        ids.forEach(id -> again.put(id, send(id)));
        return again;
    }

    static boolean accepted(int status) {
        return status / 100 == 2;
    }

    Map<String, Integer> answers() {
        return Map.copyOf(answers);
    }

    private int send(String id) {
        try {
            return http.send(requestFor.apply(id).timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        }
    }
}
