package io.switchboard.email.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;

/**
 * Turns raw RFC 5322 bytes into a {@link ParsedEmail} with Jakarta Mail (Angus): RFC 2047 headers in
 * any charset Java knows, the first text/plain and text/html bodies, and every other leaf part as a
 * file. HTML is sanitized here, so nothing downstream ever holds the customer's raw markup.
 */
public final class EmailParser {

    private static final Session SESSION = Session.getInstance(mimeProperties());

    private EmailParser() {
    }

    public static ParsedEmail parse(byte[] raw, String envelopeSender) throws MalformedEmailException {
        try {
            // A shared stream: the message and each multipart keep offsets into raw instead of copying every part's
            // bytes out of it as they find its boundary (which took half the SMTP threads' time in the ingest bench).
            MimeMessage message = new MimeMessage(SESSION, new SharedByteArrayInputStream(raw));
            Bodies bodies = new Bodies();
            walk(message, bodies);
            String html = bodies.html == null ? null : HtmlSanitizer.sanitize(bodies.html);
            String text = bodies.text != null ? bodies.text.strip()
                    : bodies.html != null ? HtmlSanitizer.toText(bodies.html) : "";
            InternetAddress from = from(message);
            String subject = message.getSubject();
            return new ParsedEmail(messageId(message, raw), MessageIds.parse(message.getHeader("In-Reply-To", " ")),
                    MessageIds.parse(message.getHeader("References", " ")),
                    subject == null || subject.isBlank() ? "(no subject)" : subject.strip(),
                    from == null ? null : from.getAddress(), from == null ? null : blankToNull(from.getPersonal()),
                    text, html, bodies.attachments, AutoReplyDetector.reason(message, envelopeSender));
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new MalformedEmailException("the message could not be read as MIME: " + e.getMessage(), e);
        }
    }

    private static void walk(Part part, Bodies bodies) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, bodies);
            }
            return;
        }
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
        if (!attachment && part.isMimeType("text/plain")) {
            // A second inline text part (a signature, a forwarded note) continues the body.
            bodies.text = bodies.text == null ? text(part) : bodies.text.stripTrailing() + "\n\n" + text(part);
        } else if (!attachment && part.isMimeType("text/html")) {
            if (bodies.html == null) {
                bodies.html = text(part);
            }
        } else {
            bodies.attachments.add(file(part));
        }
    }

    private static ParsedAttachment file(Part part) throws MessagingException, IOException {
        byte[] data;
        try (InputStream in = part.getInputStream()) {
            data = in.readAllBytes();
        }
        String contentId = part instanceof MimePart mime ? mime.getContentID() : null;
        String contentType = baseType(part.getContentType());
        String filename = part.getFileName();
        return new ParsedAttachment(filename == null ? null : MimeUtility.decodeText(filename), contentType,
                contentId == null ? null : contentId.replaceAll("^<|>$", ""),
                !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) && contentId != null, data);
    }

    /** The decoded text of a text part; a charset Java does not know is read as Latin-1 rather than lost. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
        } catch (UnsupportedEncodingException unknownCharset) {
            // falls through to the raw bytes below
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static InternetAddress from(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from != null && from.length > 0 && from[0] instanceof InternetAddress address && address.getAddress() != null
                    && address.getAddress().contains("@")) {
                return address;
            }
        } catch (MessagingException unreadable) {
            // a From header that cannot be parsed counts as absent; the envelope sender stands in
        }
        return null;
    }

    private static String messageId(MimeMessage message, byte[] raw) throws MessagingException {
        String id = MessageIds.first(message.getMessageID());
        if (id != null) {
            return id;
        }
        // Without a Message-ID the content is the identity: the same bytes delivered twice are one message.
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@no-message-id.switchboard>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String baseType(String contentType) {
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception unreadable) {
            return "application/octet-stream";
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Properties mimeProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.allowutf8", "true");
        return properties;
    }

    private static final class Bodies {
        String text;
        String html;
        final List<ParsedAttachment> attachments = new ArrayList<>();
    }
}
