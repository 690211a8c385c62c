package io.switchboard.sms.messaging;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.sms.config.SmsConfig;
import io.switchboard.sms.domain.GatewayException;
import io.switchboard.sms.domain.OutgoingSms;
import io.switchboard.sms.domain.SmsGateway;

/**
 * Vonage's Messages API, the second provider: {@code POST {base}/v1/messages} with HTTP Basic auth (API
 * key and secret) and {@code {"message_type":"text","channel":"sms","to","from","text"}}; 202 carries
 * {@code message_uuid}. Errors are problem details; 429 and 5xx may pass later, other 4xx are permanent.
 * Numbers travel without the leading +. Serves the numbers listed in {@code switchboard.sms.vonage.numbers}.
 */
@ApplicationScoped
public class VonageGateway {

    public static final String PROVIDER = "vonage";

    private final SmsConfig.Vonage config;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Set<String> numbers;

    public VonageGateway(SmsConfig config, ObjectMapper json) {
        this.config = config.vonage();
        this.json = json;
        this.numbers = this.config.enabled() ? Set.copyOf(this.config.numbers().orElse(List.of())) : Set.of();
    }

    /** Refuses to start when Vonage is enabled without its secrets. */
    void check(@Observes StartupEvent event) {
        if (config.enabled() && (config.apiKey().isEmpty() || config.apiSecret().isEmpty() || config.signatureSecret().isEmpty())) {
            throw new IllegalStateException("switchboard.sms.vonage.enabled=true needs api-key, api-secret and signature-secret "
                    + "(SWITCHBOARD_SMS_VONAGE_API_KEY, _API_SECRET, _SIGNATURE_SECRET)");
        }
    }

    public boolean serves(String number) {
        return numbers.contains(number);
    }

    public SmsGateway.Sent send(OutgoingSms sms) throws GatewayException {
        ObjectNode body = json.createObjectNode().put("message_type", "text").put("channel", "sms")
                .put("to", sms.to().replaceFirst("^\\+", "")).put("from", sms.from().replaceFirst("^\\+", "")).put("text", sms.text());
        String basic = "Basic " + Base64.getEncoder().encodeToString((config.apiKey().orElse("") + ":" + config.apiSecret().orElse(""))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.apiBaseUrl().replaceAll("/+$", "") + "/v1/messages"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", basic).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GatewayException("Vonage unreachable: " + e.getMessage(), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while sending", false, null);
        }
        JsonNode answer;
        try {
            answer = response.body() == null || response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            answer = json.createObjectNode();
        }
        int status = response.statusCode();
        if (status / 100 == 2 && answer.hasNonNull("message_uuid")) {
            return new SmsGateway.Sent(PROVIDER, answer.get("message_uuid").asText());
        }
        String detail = answer.path("detail").asText(answer.path("title").asText("HTTP " + status));
        String code = answer.hasNonNull("type") ? answer.get("type").asText().replaceAll(".*#", "") : null;
        boolean temporary = status == 429 || status >= 500 || status / 100 == 2;
        throw new GatewayException("Vonage refused the message: " + detail + " (HTTP " + status + ")", !temporary, code);
    }

    public String signatureSecret() {
        return config.signatureSecret().orElse("");
    }

    public Duration maxAge() {
        return config.maxAge();
    }

    public boolean enabled() {
        return config.enabled();
    }
}
