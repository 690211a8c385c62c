package io.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Configures the demo center through the admin console's API, signed in as the demo admin {@code ada}. */
final class ConsoleSeeder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String consoleUrl;
    private final String realmUrl;

    ConsoleSeeder(String consoleUrl, String realmUrl) {
        this.consoleUrl = consoleUrl;
        this.realmUrl = realmUrl;
    }

    /** Returns how many calls changed something (0 when the demo center was configured already). */
    int seed() throws IOException, InterruptedException {
        String token = token("ada", "ada");
        int changed = 0;
        for (DemoCenter.Put put : DemoCenter.requests()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(consoleUrl + put.path()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(put.body())))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the console refused PUT " + put.path() + ": " + response.statusCode() + " "
                        + response.body());
            }
            if (JSON.readTree(response.body()).path("changed").asBoolean()) {
                changed++;
            }
        }
        return changed;
    }

    private String token(String username, String password) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=switchboard-desktop&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Keycloak refused the demo admin's sign-in: " + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }
}
