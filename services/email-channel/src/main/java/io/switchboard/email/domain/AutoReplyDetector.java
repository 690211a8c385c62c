package io.switchboard.email.domain;

import java.util.Locale;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The loop guard (RFC 3834, RFC 3464): auto-replies, bounces and delivery reports are recorded but
 * never become contacts, so two automatons can never answer each other forever.
 */
public final class AutoReplyDetector {

    private AutoReplyDetector() {
    }

    /** Why this message is automatic, or empty for a message a person wrote. */
    public static Optional<String> reason(MimeMessage message, String envelopeSender) throws MessagingException {
        if (envelopeSender != null && envelopeSender.isBlank()) {
            return Optional.of("null envelope sender (a bounce)");
        }
        String autoSubmitted = header(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.toLowerCase(Locale.ROOT).startsWith("no")) {
            return Optional.of("Auto-Submitted: " + autoSubmitted);
        }
        String precedence = header(message, "Precedence");
        if (precedence != null && precedence.toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            return Optional.of("Precedence: " + precedence);
        }
        for (String name : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponse"}) {
            if (header(message, name) != null) {
                return Optional.of(name + " header");
            }
        }
        String contentType = message.getContentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
            return Optional.of("delivery or disposition report (multipart/report)");
        }
        String from = header(message, "From");
        if (from != null && from.toLowerCase(Locale.ROOT).matches(".*\\b(mailer-daemon|postmaster)@.*")) {
            return Optional.of("From a mail system (" + from.strip() + ")");
        }
        return Optional.empty();
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, ",");
        return value == null || value.isBlank() ? null : value.strip();
    }
}
