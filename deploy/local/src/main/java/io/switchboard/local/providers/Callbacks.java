package io.switchboard.local.providers;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Posts the providers' status callbacks back to the platform a moment after a send, as a carrier
 * would, retrying a few times when the service does not take one yet (providers retry non-2xx).
 */
final class Callbacks {

    private static final int ATTEMPTS = 5;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "provider-callbacks");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<String> log;

    Callbacks(Consumer<String> log) {
        this.log = log;
    }

    /** A form post, signed by {@code signatureHeader: signature}, after {@code delay}. */
    void form(String url, Map<String, String> parameters, String signatureHeader, String signature, Duration delay) {
        String body = parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        post(url, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8), signatureHeader, signature, delay, 1);
    }

    void json(String url, byte[] body, String signatureHeader, String signature, Duration delay) {
        post(url, "application/json", body, signatureHeader, signature, delay, 1);
    }

    private void post(String url, String type, byte[] body, String header, String signature, Duration delay, int attempt) {
        timer.schedule(() -> {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", type).header(header, signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                log.accept("callback " + url + " -> " + status);
                if (status >= 300 && attempt < ATTEMPTS) {
                    post(url, type, body, header, signature, Duration.ofSeconds(attempt), attempt + 1);
                }
            } catch (Exception e) {
                log.accept("callback " + url + " failed: " + e.getMessage());
                if (attempt < ATTEMPTS) {
                    post(url, type, body, header, signature, Duration.ofSeconds(attempt), attempt + 1);
                }
            } 
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
