package io.switchboard.sms.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.sms.config.SmsConfig;
import io.switchboard.sms.domain.FetchedMedia;
import io.switchboard.sms.domain.GatewayException;
import io.switchboard.sms.domain.MediaLink;
import io.switchboard.sms.domain.OutgoingSms;
import io.switchboard.sms.domain.SmsGateway;

/**
 * Twilio's Programmable Messaging REST API (or anything that speaks it, like the local simulator):
 * {@code POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json} with HTTP Basic auth (AccountSid and
 * auth token) and a form body (To, From, Body, StatusCallback). 201 carries the message's {@code sid}.
 * Errors come as {@code {"code":21211,"message":"...","status":400}}: 429 and 5xx may pass later, any
 * other 4xx is permanent. MMS files are fetched with the same credentials.
 */
@ApplicationScoped
public class TwilioGateway {

    public static final String PROVIDER = "twilio";

    private final SmsConfig config;
    private final ObjectMapper json;
    private final HttpClient http;
    private final String authorization;

    public TwilioGateway(SmsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(config.twilio().timeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.twilio().accountSid() + ":" + config.twilio().authToken()).getBytes(StandardCharsets.UTF_8));
    }

    public String statusCallbackUrl() {
        return config.publicUrl().replaceAll("/+$", "") + "/webhooks/twilio/status";
    }

    public SmsGateway.Sent send(OutgoingSms sms) throws GatewayException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", sms.to());
        form.put("From", sms.from());
        form.put("Body", sms.text());
        form.put("StatusCallback", statusCallbackUrl());
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(config.twilio().apiBaseUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
                + config.twilio().accountSid() + "/Messages.json");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.twilio().timeout())
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new GatewayException("Twilio unreachable: " + e.getMessage(), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while sending", false, null);
        }
        int status = response.statusCode();
        JsonNode answer = parse(response.body());
        if (status / 100 == 2) {
            String sid = answer.path("sid").asText(null);
            if (sid == null || sid.isBlank()) {
                throw new GatewayException("Twilio answered " + status + " without a message sid", false, null);
            }
            return new SmsGateway.Sent(PROVIDER, sid);
        }
        String code = answer.hasNonNull("code") ? answer.get("code").asText() : null;
        String message = answer.path("message").asText("HTTP " + status);
        boolean temporary = status == 429 || status >= 500;
        throw new GatewayException("Twilio refused the message: " + message + " (HTTP " + status + ")", !temporary, code);
    }

    public FetchedMedia fetch(MediaLink link, long maxBytes) throws GatewayException {
        URI uri;
        try {
            uri = URI.create(link.url());
        } catch (IllegalArgumentException e) {
            throw new GatewayException("not a media URL: " + link.url(), true, null);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new GatewayException("not an http(s) media URL: " + link.url(), true, null);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(config.media().timeout())
                .header("Authorization", authorization).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    throw new GatewayException("media answered HTTP " + status, false, null);
                }
                if (status / 100 != 2) {
                    throw new GatewayException("media answered HTTP " + status, true, null);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new GatewayException(declared + " bytes, above the limit of " + maxBytes, true, null);
                }
                byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (data.length > maxBytes) {
                    throw new GatewayException("more than " + maxBytes + " bytes, above the limit", true, null);
                }
                String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()).orElse(null);
                return new FetchedMedia(type, data);
            }
        } catch (IOException e) {
            throw new GatewayException("media unreachable: " + e.getMessage(), false, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted while fetching media", false, null);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }
}
