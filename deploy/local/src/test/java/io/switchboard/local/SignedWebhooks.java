package io.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.switchboard.local.providers.Signatures;

/**
 * Texts sent to the local SMS channel as Twilio sends them (signed form posts), each with its own MessageSid, and
 * what the channel answered to each: the HTTP status, or {@link #NO_ANSWER} when the connection failed or timed out.
 * A text whose answer was not 200 is one Twilio would send again.
 */
final class SignedTexts {

    static final int NO_ANSWER = -1;
    private static final String URL = "http://127.0.0.1:8087/webhooks/twilio/sms";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String token;
    private final String account;
    private final String to;
    private final String from;
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();

    /** Texts from one customer ({@code from}) to one of the center's numbers ({@code to}). */
    SignedTexts(String token, String account, String to, String from) {
        this.token = token;
        this.account = account;
        this.to = to;
        this.from = from;
    }

    /** Sends {@code count} texts at {@code perSecond}, running {@code during} once a third have gone. */
    void sendPaced(String run, int count, int perSecond, Runnable during) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        PacedSteps.run(0, count, perSecond, during, i -> {
            String sid = sid(run, i);
            pool.submit(() -> answers.put(sid, send(sid)));
        });
        pool.shutdown();
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new AssertionError("texts still unanswered after 60 s");
        }
    }

    /** Sends each text not yet answered 200 again, as the provider retries, until all are or {@code rounds} run out. */
    void retryUnacknowledged(int rounds) throws InterruptedException {
        for (int round = 0; round < rounds && answers.values().stream().anyMatch(status -> status != 200); round++) {
            answers.replaceAll((sid, status) -> status == 200 ? status : send(sid));
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** Sends these texts once more, as a provider does when it never saw the answer; returns what each got. */
    Map<String, Integer> resend(java.util.Collection<String> sids) {
        Map<String, Integer> again = new java.util.HashMap<>();
        sids.forEach(sid -> again.put(sid, send(sid)));
        return again;
    }

    Map<String, Integer> answers() {
        return Map.copyOf(answers);
    }

    static String sid(String run, int index) {
        return "SM" + run + String.format("%024d", index);
    }

    private int send(String sid) {
        Map<String, String> form = Map.of("From", from, "To", to, "Body", "Where is my parcel? " + sid, "MessageSid", sid,
                "NumMedia", "0", "AccountSid", account);
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        try {
            return http.send(HttpRequest.newBuilder(URI.create(URL)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", Signatures.twilio(token, URL, form))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return NO_ANSWER;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return NO_ANSWER;
        }
    }
}
