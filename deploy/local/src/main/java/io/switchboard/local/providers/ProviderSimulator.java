package io.switchboard.local.providers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The messaging providers of the local platform, on 127.0.0.1 only: a Twilio-compatible Messages API
 * ({@code /twilio}), the WhatsApp Cloud and Messenger Send APIs ({@code /graph}) and the Telegram Bot API
 * ({@code /telegram}). It checks each provider's credentials as the provider does, answers with the
 * provider's shapes, and a moment after a send posts the signed status callbacks a carrier would
 * (sent, then delivered). {@code GET /requests} lists what it received, so a newcomer sees a reply leave.
 * Nothing leaves the machine.
 */
public final class ProviderSimulator {

    private static final Pattern TWILIO_SEND = Pattern.compile("^/twilio/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    private static final Pattern GRAPH_SEND = Pattern.compile("^/graph/v[0-9.]+/([^/]+)/messages$");
    private static final Pattern TELEGRAM_SEND = Pattern.compile("^/telegram/bot([^/]+)/(sendMessage|sendPhoto|sendDocument)$");
    private static final Pattern GRAPH_MEDIA = Pattern.compile("^/graph/v[0-9.]+/([0-9A-Za-z_.-]+)$");
    private static final Pattern GRAPH_FILE = Pattern.compile("^/graph/files/([0-9A-Za-z_.-]+)$");
    private static final Pattern TELEGRAM_GET_FILE = Pattern.compile("^/telegram/bot([^/]+)/getFile$");
    private static final Pattern TELEGRAM_FILE = Pattern.compile("^/telegram/file/bot([^/]+)/(.+)$");
    /** The bytes every simulated customer file has: a one-pixel PNG (what a customer's photo stands for). */
    private static final byte[] FILE = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    /** A number the carrier cannot reach: its messages end undelivered (Twilio error 30003), for trying failure paths. */
    static final String UNREACHABLE = "+447700100999";
    private static final int KEPT = 500;

    private final Settings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final Deque<Map<String, Object>> received = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong(System.currentTimeMillis() % 1_000_000);
    private final Callbacks callbacks = new Callbacks(ProviderSimulator::log);

    /** The local-only credentials and where the platform takes callbacks. */
    public record Settings(String twilioAuthToken, String metaAppSecret, String graphToken, String metaWebhook, String telegramToken) {

        public static Settings fromEnvironment() {
            return new Settings(env("SIM_TWILIO_AUTH_TOKEN", "local-twilio-token"), env("SIM_META_APP_SECRET", "local-meta-app-secret"),
                    env("SIM_GRAPH_TOKEN", "local-graph-token"), env("SIM_META_WEBHOOK", "http://127.0.0.1:8088/webhooks/meta"),
                    env("SIM_TELEGRAM_TOKEN", "123456:local-telegram-bot-token"));
        }

        private static String env(String name, String otherwise) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? otherwise : value;
        }
    }

    ProviderSimulator(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        start(port, Settings.fromEnvironment());
        log("provider simulator on http://127.0.0.1:" + port + " (/twilio, /graph, /telegram; GET /requests lists what arrived)");
    }

    public static HttpServer start(int port, Settings settings) throws IOException {
        ProviderSimulator simulator = new ProviderSimulator(settings);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", http -> simulator.handle(Exchange.read(http)));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return server;
    }

    private void handle(Exchange exchange) throws IOException {
        try {
            if (exchange.method().equals("GET") && exchange.path().equals("/requests")) {
                exchange.answer(200, json.writeValueAsString(snapshot()));
                return;
            }
            if (exchange.method().equals("GET") && exchange.path().equals("/health")) {
                exchange.answer(200, "{\"status\":\"UP\"}");
                return;
            }
            remember(exchange);
            Matcher m;
            if (exchange.method().equals("GET") && media(exchange)) {
                return;
            }
            if (exchange.method().equals("POST") && (m = TWILIO_SEND.matcher(exchange.path())).matches()) {
                twilio(exchange, m.group(1));
            } else if (exchange.method().equals("POST") && (m = GRAPH_SEND.matcher(exchange.path())).matches()) {
                graph(exchange, m.group(1));
            } else if (exchange.method().equals("POST") && (m = TELEGRAM_SEND.matcher(exchange.path())).matches()) {
                telegram(exchange, m.group(1));
            } else {
                exchange.answer(404, "{\"message\":\"the simulator has no " + exchange.method() + " " + exchange.path() + "\"}");
            }
        } catch (RuntimeException e) {
            log("error on " + exchange.path() + ": " + e);
            exchange.answer(500, "{\"message\":\"simulator error\"}");
        }
    }

    // ------------------------------------------------------------------ customers' files (inbound media)

    /**
     * The platforms' media downloads, for a customer's photo or document: Graph's media id → URL → bytes
     * (bearer token on both), and Telegram's getFile → file path → bytes (the bot token in the path).
     */
    private boolean media(Exchange exchange) throws IOException {
        Matcher m;
        if ((m = GRAPH_FILE.matcher(exchange.path())).matches() || (m = GRAPH_MEDIA.matcher(exchange.path())).matches()) {
            if (!exchange.bearer(settings.graphToken())) {
                exchange.answer(401, graphError(190, "OAuthException", "Invalid OAuth access token - Cannot parse access token"));
            } else if (exchange.path().startsWith("/graph/files/")) {
                exchange.answerBytes(200, "image/png", FILE);
            } else {
                exchange.answer(200, json.writeValueAsString(json.createObjectNode().put("messaging_product", "whatsapp")
                        .put("url", "http://127.0.0.1:" + exchange.http().getLocalAddress().getPort() + "/graph/files/" + m.group(1))
                        .put("mime_type", "image/png").put("file_size", FILE.length).put("id", m.group(1))));
            }
            return true;
        }
        if ((m = TELEGRAM_GET_FILE.matcher(exchange.path())).matches()) {
            if (!m.group(1).equals(settings.telegramToken())) {
                exchange.answer(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
            } else {
                String fileId = java.util.Optional.ofNullable(exchange.http().getRequestURI().getQuery()).orElse("")
                        .replaceAll(".*file_id=([^&]*).*", "$1");
                ObjectNode result = json.createObjectNode().put("ok", true);
                result.putObject("result").put("file_id", fileId).put("file_size", FILE.length).put("file_path", "photos/" + fileId + ".png");
                exchange.answer(200, json.writeValueAsString(result));
            }
            return true;
        }
        if ((m = TELEGRAM_FILE.matcher(exchange.path())).matches()) {
            if (!m.group(1).equals(settings.telegramToken())) {
                exchange.answer(404, "{\"ok\":false,\"error_code\":404,\"description\":\"Not Found\"}");
            } else {
                exchange.answerBytes(200, "image/png", FILE);
            }
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ Twilio Messages API

    private void twilio(Exchange exchange, String accountSid) throws IOException {
        if (!exchange.basicAuth(accountSid, settings.twilioAuthToken())) {
            exchange.answer(401, twilioError(20003, "Authenticate", 401));
            return;
        }
        Map<String, String> form = exchange.form();
        String to = form.get("To");
        if (to == null || !to.matches("^\\+[1-9][0-9]{6,14}$")) {
            exchange.answer(400, twilioError(21211, "The 'To' number " + to + " is not a valid phone number.", 400));
            return;
        }
        if ((form.get("Body") == null || form.get("Body").isEmpty()) && form.get("MediaUrl") == null) {
            exchange.answer(400, twilioError(21602, "Message body is required.", 400));
            return;
        }
        String sid = "SM" + "%032x".formatted(ids.incrementAndGet());
        ObjectNode message = json.createObjectNode().put("sid", sid).put("account_sid", accountSid).put("to", to)
                .put("from", form.get("From")).put("body", form.get("Body")).put("status", "queued").put("num_segments", "1")
                .put("direction", "outbound-api").put("api_version", "2010-04-01")
                .put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
        exchange.answer(201, json.writeValueAsString(message));
        String callback = form.get("StatusCallback");
        if (callback != null && !callback.isBlank()) {
            twilioStatus(callback, accountSid, sid, form, "sent", null, Duration.ofMillis(200));
            if (UNREACHABLE.equals(to)) {
                twilioStatus(callback, accountSid, sid, form, "undelivered", "30003", Duration.ofMillis(600));
            } else {
                twilioStatus(callback, accountSid, sid, form, "delivered", null, Duration.ofMillis(600));
            }
        }
    }

    private void twilioStatus(String url, String accountSid, String sid, Map<String, String> send, String status, String errorCode,
            Duration delay) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", accountSid);
        parameters.put("ApiVersion", "2010-04-01");
        parameters.put("From", send.getOrDefault("From", ""));
        parameters.put("MessageSid", sid);
        parameters.put("MessageStatus", status);
        parameters.put("SmsSid", sid);
        parameters.put("SmsStatus", status);
        parameters.put("To", send.get("To"));
        if (errorCode != null) {
            parameters.put("ErrorCode", errorCode);
        }
        callbacks.form(url, parameters, "X-Twilio-Signature", Signatures.twilio(settings.twilioAuthToken(), url, parameters), delay);
    }

    private String twilioError(int code, String message, int status) throws IOException {
        return json.writeValueAsString(json.createObjectNode().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status));
    }

    // ------------------------------------------------------------------ Graph API (WhatsApp, Messenger, Instagram)

    private void graph(Exchange exchange, String sender) throws IOException {
        if (!exchange.bearer(settings.graphToken())) {
            exchange.answer(401, graphError(190, "OAuthException", "Invalid OAuth access token - Cannot parse access token"));
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(exchange.body());
        } catch (IOException e) {
            exchange.answer(400, graphError(100, "OAuthException", "(#100) The parameter messaging_product is required."));
            return;
        }
        if ("whatsapp".equals(body.path("messaging_product").asText())) {
            String to = body.path("to").asText("");
            if (!to.matches("^\\+?[1-9][0-9]{6,14}$")) {
                exchange.answer(400, graphError(131030, "OAuthException", "(#131030) Recipient phone number not in allowed list"));
                return;
            }
            String id = "wamid.SIM" + ids.incrementAndGet();
            ObjectNode answer = json.createObjectNode().put("messaging_product", "whatsapp");
            answer.putArray("contacts").addObject().put("input", to).put("wa_id", to.replace("+", ""));
            answer.putArray("messages").addObject().put("id", id);
            exchange.answer(200, json.writeValueAsString(answer));
            whatsappStatus(sender, id, to.replace("+", ""), "sent", Duration.ofMillis(200));
            whatsappStatus(sender, id, to.replace("+", ""), "delivered", Duration.ofMillis(600));
        } else {
            String recipient = body.path("recipient").path("id").asText("");
            if (recipient.isEmpty()) {
                exchange.answer(400, graphError(100, "OAuthException", "(#100) param recipient must be non-empty."));
                return;
            }
            exchange.answer(200, json.writeValueAsString(json.createObjectNode().put("recipient_id", recipient)
                    .put("message_id", "m_SIM" + ids.incrementAndGet())));
        }
    }

    private void whatsappStatus(String phoneNumberId, String messageId, String recipient, String status, Duration delay) {
        ObjectNode payload = json.createObjectNode().put("object", "whatsapp_business_account");
        ObjectNode change = payload.putArray("entry").addObject().put("id", "900000000000001").putArray("changes").addObject()
                .put("field", "messages");
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", "15550000001").put("phone_number_id", phoneNumberId);
        ArrayNode statuses = value.putArray("statuses");
        statuses.addObject().put("id", messageId).put("status", status)
                .put("timestamp", String.valueOf(Instant.now().getEpochSecond())).put("recipient_id", recipient);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        callbacks.json(settings.metaWebhook(), bytes, "X-Hub-Signature-256", Signatures.meta(settings.metaAppSecret(), bytes), delay);
    }

    private String graphError(int code, String type, String message) throws IOException {
        ObjectNode error = json.createObjectNode();
        error.putObject("error").put("message", message).put("type", type).put("code", code).put("fbtrace_id", "SIMULATOR");
        return json.writeValueAsString(error);
    }

    // ------------------------------------------------------------------ Telegram Bot API

    private void telegram(Exchange exchange, String token) throws IOException {
        if (!token.equals(settings.telegramToken())) {
            exchange.answer(401, "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
            return;
        }
        JsonNode body = exchange.bodyText().startsWith("{") ? json.readTree(exchange.body()) : json.valueToTree(exchange.form());
        String chat = body.path("chat_id").asText("");
        if (chat.isEmpty()) {
            exchange.answer(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat_id is empty\"}");
            return;
        }
        ObjectNode result = json.createObjectNode().put("ok", true);
        ObjectNode message = result.putObject("result").put("message_id", ids.incrementAndGet())
                .put("date", Instant.now().getEpochSecond());
        message.putObject("chat").put("id", chat).put("type", "private");
        if (body.hasNonNull("text")) {
            message.put("text", body.get("text").asText());
        }
        exchange.answer(200, json.writeValueAsString(result));
    }

    // ------------------------------------------------------------------ what arrived

    private synchronized void remember(Exchange exchange) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("at", Instant.now().toString());
        request.put("method", exchange.method());
        request.put("path", exchange.path());
        request.put("authorization", exchange.header("Authorization") == null ? null : exchange.header("Authorization").split(" ")[0]);
        request.put("contentType", exchange.header("Content-Type"));
        request.put("body", new String(exchange.body(), StandardCharsets.UTF_8));
        received.addLast(request);
        while (received.size() > KEPT) {
            received.removeFirst();
        }
        log(exchange.method() + " " + exchange.path());
    }

    private synchronized List<Map<String, Object>> snapshot() {
        return new ArrayList<>(received);
    }

    private static void log(String line) {
        System.out.println(Instant.now() + " " + line);
    }
}
