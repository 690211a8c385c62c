package io.switchboard.email.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutoReplyDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {"Auto-Submitted: auto-replied", "Auto-Submitted: auto-generated", "Precedence: bulk",
            "Precedence: junk", "Precedence: list", "X-Autoreply: yes", "X-Autorespond: Out of office",
            "Content-Type: multipart/report; report-type=delivery-status; boundary=b",
            "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>"})
    void holdsBackAutomaticMail(String header) throws Exception {
        assertThat(reason(header, "robot@example.com")).isPresent();
    }

    @Test
    void holdsBackTheNullSenderOfBounces() throws Exception {
        assertThat(reason("Subject: Undeliverable", "")).contains("null envelope sender (a bounce)");
    }

    @Test
    void letsPeopleThrough() throws Exception {
        assertThat(reason("Auto-Submitted: no", "jane@example.com")).isEmpty();
        assertThat(reason("Precedence: first-class", "jane@example.com")).isEmpty();
        // IMAP messages have no envelope: unknown is not a null sender.
        assertThat(reason("Subject: hello", null)).isEmpty();
    }

    private static Optional<String> reason(String header, String envelopeSender) throws Exception {
        String from = header.startsWith("From:") ? "" : "From: someone@example.com\r\n";
        String raw = from + header + "\r\nSubject: test\r\n\r\nbody\r\n";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
        return AutoReplyDetector.reason(message, envelopeSender);
    }
}
