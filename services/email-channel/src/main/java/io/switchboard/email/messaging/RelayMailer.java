package io.switchboard.email.messaging;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.switchboard.email.domain.OutgoingEmail;
import io.vertx.ext.mail.SMTPException;

/** Sends replies through the configured relay with Quarkus Mailer, and says how a refusal should be treated. */
@ApplicationScoped
public class RelayMailer {

    private final Mailer mailer;

    public RelayMailer(Mailer mailer) {
        this.mailer = mailer;
    }

    public void send(OutgoingEmail email) throws RelayRefusedException {
        Mail mail = Mail.withText(email.to(), email.subject(), email.text())
                .setFrom(email.from())
                .addHeader("Message-ID", email.messageId())
                .addHeader("Auto-Submitted", "no");
        if (email.inReplyTo() != null) {
            mail.addHeader("In-Reply-To", email.inReplyTo());
        }
        if (!email.references().isEmpty()) {
            mail.addHeader("References", String.join(" ", email.references()));
        }
        for (OutgoingEmail.File file : email.files()) {
            mail.addAttachment(file.filename(), file.data(), file.contentType());
        }
        try {
            mailer.send(mail);
        } catch (RuntimeException e) {
            throw refusal(e);
        }
    }

    private static RelayRefusedException refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return new RelayRefusedException(smtp.getReplyCode() + " " + String.join(" ", replyLines(smtp)),
                        smtp.isPermanent());
            }
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new RelayRefusedException("relay unavailable: " + reason, false);
    }

    private static List<String> replyLines(SMTPException smtp) {
        return smtp.getReplyMessages() == null ? List.of(String.valueOf(smtp.getReplyMessage())) : smtp.getReplyMessages();
    }
}
