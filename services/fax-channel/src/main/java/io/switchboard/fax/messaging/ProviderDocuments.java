package io.switchboard.fax.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.fax.config.FaxConfig;
import io.switchboard.fax.domain.DocumentFetcher;

/**
 * Downloads a fax document from the Twilio-compatible provider with the account's credentials (HTTP
 * Basic, AccountSid and auth token), reading at most the limit: a larger document is refused while it
 * streams, never held whole. 429 and 5xx and an unreachable host are temporary, any other 4xx permanent.
 */
@ApplicationScoped
public class ProviderDocuments implements DocumentFetcher {

    private static final int MAX_REDIRECTS = 3;

    private final FaxConfig config;
    private final HttpClient http;
    private final String authorization;

    public ProviderDocuments(FaxConfig config) {
        this.config = config;
        // Redirects are followed here, not by the client, so that each hop's host is checked too.
        this.http = HttpClient.newBuilder().connectTimeout(config.twilio().timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.twilio().accountSid() + ":" + config.twilio().authToken()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] fetch(String provider, URI url, long maxBytes) throws FetchException {
        URI target = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(config.twilio().timeout()).GET();
            // The account's credentials go to the host the webhook named, never to a host it redirects to.
            if (hop == 0) {
                request.header("Authorization", authorization);
            }
            HttpResponse<InputStream> response = send(request.build());
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                close(response);
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new FetchException("the provider redirected without a Location", true));
                target = target.resolve(location);
                String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
                if (!"https".equalsIgnoreCase(target.getScheme()) && !"http".equalsIgnoreCase(target.getScheme())
                        || config.twilio().mediaHosts().stream().noneMatch(h -> h.strip().equalsIgnoreCase(host))) {
                    throw new FetchException("the provider redirected to " + host + ", not a configured media host", true);
                }
                continue;
            }
            return body(response, maxBytes);
        }
        throw new FetchException("more than " + MAX_REDIRECTS + " redirects", true);
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws FetchException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new FetchException("the provider could not be reached: " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while fetching the document", false);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }

    private static byte[] body(HttpResponse<InputStream> response, long maxBytes) throws FetchException {
        try {
            try (InputStream in = response.body()) {
                int status = response.statusCode();
                if (status == 429 || status >= 500) {
                    throw new FetchException("the provider answered HTTP " + status, false);
                }
                if (status / 100 != 2) {
                    throw new FetchException("the provider answered HTTP " + status, true);
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > maxBytes) {
                    throw new FetchException("the document has " + declared + " bytes; at most " + maxBytes + " are accepted", true);
                }
                byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (data.length > maxBytes) {
                    throw new FetchException("the document has more than " + maxBytes + " bytes, the limit", true);
                }
                return data;
            }
        } catch (IOException e) {
            throw new FetchException("the document could not be read: " + e.getMessage(), false);
        }
    }
}
