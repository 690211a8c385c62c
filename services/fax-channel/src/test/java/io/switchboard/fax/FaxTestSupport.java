package io.switchboard.fax;

import static io.restassured.RestAssured.given;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.TenantConfigured;
import io.switchboard.service.webhook.TwilioSignature;
import io.switchboard.testing.kafka.KafkaTestClient;

/** What the fax suites share: the demo tenants' fax numbers, signed Twilio fax webhooks, and a raw SMTP client. */
public final class FaxTestSupport {

    public static final String PUBLIC_URL = "https://fax.switchboard.test";
    public static final String TOKEN = "test-twilio-fax-token";
    public static final String SUBACCOUNT_TOKEN = "test-subaccount-token";
    public static final String ACCOUNT = "ACswitchboardfaxtest000000000000";
    /** acme-bank's fax number, configured in national form. */
    public static final String ACME_FAX = "+442079460999";
    /** globex-travel's fax number, on a subaccount with its own auth token. */
    public static final String GLOBEX_FAX = "+442079460998";
    public static final String WEBHOOK = "/webhooks/twilio/fax";
    public static final URI SOURCE = URI.create("/tests/fax-channel");

    private FaxTestSupport() {
    }

    public static void configureTenants(KafkaTestClient kafka) {
        kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("acme".getBytes()), "acme-bank", Instant.parse("2026-01-01T00:00:00Z"),
                "Acme Bank", "Europe/London", "GB", null, "general",
                List.of(new TenantConfigured.EntryPoint(Channel.FAX, "020 7946 0999", "billing"),
                        new TenantConfigured.EntryPoint(Channel.EMAIL, "support@acme-bank.example", "billing"))), SOURCE);
        kafka.publish(new TenantConfigured(UUID.nameUUIDFromBytes("globex".getBytes()), "globex-travel",
                Instant.parse("2026-01-01T00:00:00Z"), "Globex Travel", "Europe/Madrid", "ES", null, "bookings",
                List.of(new TenantConfigured.EntryPoint(Channel.FAX, GLOBEX_FAX, "bookings"))), SOURCE);
    }

    /** A valid UK mobile number, different for every call. */
    public static String sender() {
        return "+4479111" + String.format("%05d", ThreadLocalRandom.current().nextInt(0, 100000));
    }

    public static String sid() {
        return "FX" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The parameters Twilio Programmable Fax posts when a fax was received. */
    public static Map<String, String> received(String sid, String from, String to, int pages, String mediaUrl) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("FaxSid", sid);
        form.put("AccountSid", ACCOUNT);
        form.put("From", from);
        form.put("To", to);
        form.put("RemoteStationId", "SENDER FAX");
        form.put("FaxStatus", "received");
        form.put("ApiVersion", "v1");
        form.put("NumPages", Integer.toString(pages));
        form.put("MediaUrl", mediaUrl);
        form.put("MediaContentType", "application/pdf");
        return form;
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String signature(String token, Map<String, String> form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        form.forEach((k, v) -> params.put(k, List.of(v)));
        return TwilioSignature.sign(token, PUBLIC_URL + WEBHOOK, params);
    }

    /** A webhook as Twilio sends it: form-encoded, signed over the public URL with the main account's token. */
    public static Response post(Map<String, String> form) {
        return post(form, signature(TOKEN, form));
    }

    public static Response post(Map<String, String> form, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(encode(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post(WEBHOOK);
    }

    /**
     * One SMTP transaction over a plain socket, as a gateway would send it; returns every reply line the
     * server sent, so a test reads the code and reason of each step.
     */
    public static List<String> smtp(int port, String mailFrom, String rcptTo, String message) throws IOException {
        List<String> replies = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            replies.add(reply(in));
            replies.add(command(in, out, "EHLO gateway.test"));
            String mail = command(in, out, "MAIL FROM:<" + mailFrom + ">");
            replies.add(mail);
            if (!mail.startsWith("250")) {
                return replies;
            }
            String rcpt = command(in, out, "RCPT TO:<" + rcptTo + ">");
            replies.add(rcpt);
            if (!rcpt.startsWith("250")) {
                return replies;
            }
            replies.add(command(in, out, "DATA"));
            String body = message.replace("\r\n", "\n").replace("\n", "\r\n").replace("\r\n.", "\r\n..");
            out.write((body + (body.endsWith("\r\n") ? "" : "\r\n") + ".\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            replies.add(reply(in));
            replies.add(command(in, out, "QUIT"));
        }
        return replies;
    }

    private static String command(BufferedReader in, OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return reply(in);
    }

    /** The last line of a (possibly multi-line) reply. */
    private static String reply(BufferedReader in) throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        return line;
    }

    /** A gateway's mail: a text part and the fax as a base64 attachment. */
    public static String gatewayMail(String messageId, String sender, String to, String headers, String filename, String type,
            byte[] document) {
        String boundary = "fax-" + UUID.randomUUID();
        String base64 = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(document);
        return "From: fax-gateway <" + sender + "@t38.gateway.test>\r\n"
                + "To: <" + to + ">\r\n"
                + "Subject: Fax from " + sender + "\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + headers
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "You have received a fax.\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: " + type + "; name=\"" + filename + "\"\r\n"
                + "Content-Disposition: attachment; filename=\"" + filename + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + base64 + "\r\n"
                + "--" + boundary + "--\r\n";
    }
}
