package io.switchboard.social.provider;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.address.SocialAccount;
import io.switchboard.events.address.SocialPlatform;
import io.switchboard.social.config.SocialConfig;
import io.switchboard.social.config.TelegramBots;
import io.switchboard.social.domain.InboundMessage;
import io.switchboard.social.domain.PlatformException;
import io.switchboard.social.domain.PlatformGateway;

/**
 * The platforms over HTTP: Meta's Graph API (WhatsApp Cloud API {@code /{phone-number-id}/messages},
 * Messenger and Instagram {@code /me/messages}, media {@code /{media-id}}) with the bearer token, and
 * Telegram's Bot API ({@code /bot{token}/sendMessage}, sendPhoto, sendDocument, getFile). Errors are
 * read from the platforms' documented shapes and sorted into retryable (rate limits, outages) and
 * final.
 */
@ApplicationScoped
public class HttpPlatformGateway implements PlatformGateway {

    /**
     * Graph error codes that pass with time: 1/2 (temporary), 4/17/32/613 (API rate limits),
     * 80007 (WhatsApp account rate limit), 130429 (throughput), 131016 (service unavailable),
     * 131048 (spam rate limit), 131056 (pair rate limit).
     */
    static final Set<Integer> GRAPH_RETRYABLE = Set.of(1, 2, 4, 17, 32, 613, 80007, 130429, 131016, 131048, 131056);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final SocialConfig config;
    private final TelegramBots bots;
    private final String graph;
    private final String telegram;

    public HttpPlatformGateway(SocialConfig config, TelegramBots bots) {
        this.config = config;
        this.bots = bots;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.graph = config.meta().graphApiBaseUrl().replaceAll("/+$", "") + "/" + config.meta().graphApiVersion();
        this.telegram = config.telegram().apiBaseUrl().replaceAll("/+$", "");
    }

    @Override
    public String send(Send send) throws PlatformException {
        return send.account().platform() == SocialPlatform.TELEGRAM ? telegramSend(send) : graphSend(send);
    }

    private String graphSend(Send send) throws PlatformException {
        ObjectNode body = JSON.createObjectNode();
        SocialPlatform platform = send.account().platform();
        String url;
        if (platform == SocialPlatform.WHATSAPP) {
            url = graph + "/" + send.account().accountId() + "/messages";
            body.put("messaging_product", "whatsapp").put("recipient_type", "individual").put("to", send.recipientId());
            if (send.template() != null) {
                ObjectNode template = body.put("type", "template").putObject("template");
                template.put("name", send.template().name()).putObject("language").put("code", send.template().language());
                if (!send.template().parameters().isEmpty()) {
                    ArrayNode parameters = template.putArray("components").addObject().put("type", "body").putArray("parameters");
                    send.template().parameters().forEach(p -> parameters.addObject().put("type", "text").put("text", p));
                }
            } else {
                body.put("type", "text").putObject("text").put("preview_url", false).put("body", send.text());
            }
        } else {
            url = graph + "/me/messages";
            body.putObject("recipient").put("id", send.recipientId());
            if (send.tag() != null) {
                body.put("messaging_type", "MESSAGE_TAG").put("tag", send.tag());
            } else {
                body.put("messaging_type", "RESPONSE");
            }
            body.putObject("message").put("text", send.text());
        }
        JsonNode answer = graphCall(platform, HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + config.meta().accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        String id = platform == SocialPlatform.WHATSAPP ? answer.path("messages").path(0).path("id").asText(null)
                : answer.path("message_id").asText(null);
        if (id == null) {
            throw new PlatformException("no-id", platform + " accepted the reply but returned no message id", false, null);
        }
        return id;
    }

    private JsonNode graphCall(SocialPlatform platform, HttpRequest.Builder request) throws PlatformException {
        HttpResponse<byte[]> response = call(platform, request);
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 == 2 && !body.has("error")) {
            return body;
        }
        JsonNode error = body.path("error");
        int code = error.path("code").asInt(response.statusCode());
        String details = error.path("error_data").path("details").asText(null);
        String message = name(platform) + " refused it (#" + code + " "
                + error.path("message").asText("HTTP " + response.statusCode()) + (details == null ? "" : ": " + details) + ")";
        boolean retryable = GRAPH_RETRYABLE.contains(code) || response.statusCode() == 429 || response.statusCode() >= 500;
        return throwing(new PlatformException(String.valueOf(code), message, retryable, null));
    }

    private String telegramSend(Send send) throws PlatformException {
        TelegramBots.Bot bot = bot(send.account());
        ObjectNode body = JSON.createObjectNode().put("chat_id", send.recipientId());
        String method;
        if (send.attachment() != null) {
            boolean image = send.attachment().contentType().startsWith("image/");
            method = image ? "sendPhoto" : "sendDocument";
            body.put(image ? "photo" : "document", send.attachment().uri().toString());
        } else {
            method = "sendMessage";
            body.put("text", send.text());
        }
        JsonNode result = telegramCall(HttpRequest.newBuilder(URI.create(telegram + "/bot" + bot.token() + "/" + method))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        return bot.username() + ":" + send.recipientId() + ":" + result.path("message_id").asText();
    }

    private JsonNode telegramCall(HttpRequest.Builder request) throws PlatformException {
        HttpResponse<byte[]> response = call(SocialPlatform.TELEGRAM, request);
        JsonNode body = parse(response.body());
        if (body.path("ok").asBoolean(false)) {
            return body.path("result");
        }
        int code = body.path("error_code").asInt(response.statusCode());
        Duration retryAfter = body.path("parameters").has("retry_after")
                ? Duration.ofSeconds(body.path("parameters").path("retry_after").asLong()) : null;
        boolean retryable = code == 429 || code >= 500;
        return throwing(new PlatformException(String.valueOf(code),
                "Telegram refused it (" + code + " " + body.path("description").asText("HTTP " + response.statusCode()) + ")",
                retryable, retryAfter));
    }

    @Override
    public Media fetch(SocialAccount account, InboundMessage.MediaItem item, int maxBytes) throws PlatformException, TooLargeException {
        switch (account.platform()) {
            case WHATSAPP -> {
                JsonNode meta = graphCall(SocialPlatform.WHATSAPP, HttpRequest.newBuilder(URI.create(graph + "/"
                        + URLEncoder.encode(item.id(), StandardCharsets.UTF_8)))
                        .header("Authorization", "Bearer " + config.meta().accessToken()).GET());
                checkSize(meta.path("file_size").asLong(0), maxBytes);
                String type = meta.path("mime_type").asText(item.mimeType());
                return download(HttpRequest.newBuilder(URI.create(meta.path("url").asText()))
                        .header("Authorization", "Bearer " + config.meta().accessToken()), maxBytes, type, item.filename());
            }
            case MESSENGER, INSTAGRAM -> {
                // The payload's attachment URL is a signed CDN link: no token goes to it.
                URI url = URI.create(item.id());
                if (!List.of("https", "http").contains(url.getScheme())) {
                    throw new PlatformException("url", "not a web URL: " + item.id(), false, null);
                }
                return download(HttpRequest.newBuilder(url), maxBytes, null, null);
            }
            case TELEGRAM -> {
                TelegramBots.Bot bot = bot(account);
                JsonNode file = telegramCall(HttpRequest.newBuilder(URI.create(telegram + "/bot" + bot.token() + "/getFile?file_id="
                        + URLEncoder.encode(item.id(), StandardCharsets.UTF_8))).GET());
                checkSize(file.path("file_size").asLong(0), maxBytes);
                String path = file.path("file_path").asText();
                String name = item.filename() != null ? item.filename() : path.substring(path.lastIndexOf('/') + 1);
                return download(HttpRequest.newBuilder(URI.create(telegram + "/file/bot" + bot.token() + "/" + path)), maxBytes,
                        item.mimeType(), name);
            }
            default -> throw new IllegalStateException();
        }
    }

    private Media download(HttpRequest.Builder request, int maxBytes, String type, String filename)
            throws PlatformException, TooLargeException {
        try {
            HttpResponse<InputStream> response = http.send(request.timeout(config.media().fetchTimeout()).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw new PlatformException(String.valueOf(response.statusCode()), "HTTP " + response.statusCode(), false, null);
                }
                byte[] data = in.readNBytes(maxBytes + 1);
                if (data.length > maxBytes) {
                    throw new TooLargeException("larger than " + maxBytes + " bytes");
                }
                String contentType = type != null ? type
                        : response.headers().firstValue("Content-Type").orElse("application/octet-stream");
                return new Media(data, contentType.split(";")[0].trim(), filename);
            }
        } catch (IOException e) {
            throw new PlatformException("io", "the file could not be fetched: " + e.getMessage(), true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", "interrupted", true, null);
        }
    }

    private static void checkSize(long size, int maxBytes) throws TooLargeException {
        if (size > maxBytes) {
            throw new TooLargeException(size + " bytes, more than " + maxBytes);
        }
    }

    private TelegramBots.Bot bot(SocialAccount account) throws PlatformException {
        return bots.bot(account.accountId()).orElseThrow(() -> new PlatformException("no-bot",
                "no token configured for Telegram bot " + account.accountId(), false, null));
    }

    private HttpResponse<byte[]> call(SocialPlatform platform, HttpRequest.Builder request) throws PlatformException {
        try {
            return http.send(request.timeout(config.outbound().requestTimeout()).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PlatformException("io", platform + " could not be reached: " + e.getMessage(), true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted", "interrupted", true, null);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static <T> T throwing(PlatformException e) throws PlatformException {
        throw e;
    }

    private static String name(SocialPlatform platform) {
        return switch (platform) {
            case WHATSAPP -> "WhatsApp";
            case MESSENGER -> "Messenger";
            case INSTAGRAM -> "Instagram";
            case TELEGRAM -> "Telegram";
        };
    }
}
