package io.switchboard.local.providers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** One request to the simulator, read whole, and the answer to it. */
record Exchange(HttpExchange http, String method, String path, byte[] body) {

    static Exchange read(HttpExchange http) throws IOException {
        return new Exchange(http, http.getRequestMethod(), http.getRequestURI().getPath(), http.getRequestBody().readAllBytes());
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
        return http.getRequestHeaders().getFirst(name);
    }

    /** An {@code application/x-www-form-urlencoded} body as name → value (the last value of a repeated name). */
    Map<String, String> form() {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : bodyText().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            form.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    /** Whether the request carries HTTP Basic credentials {@code user:password}. */
    boolean basicAuth(String user, String password) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header("Authorization"));
    }

    boolean bearer(String token) {
        return ("Bearer " + token).equals(header("Authorization"));
    }

    void answerBytes(int status, String contentType, byte[] bytes) throws IOException {
        http.getResponseHeaders().set("Content-Type", contentType);
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
        http.close();
    }

    void answer(int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(bytes);
            }
        }
        http.close();
    }
}
