package io.switchboard.email.messaging;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.switchboard.email.domain.MailRelay;
import io.switchboard.email.domain.OutgoingEmail;
import io.switchboard.email.domain.RelayRefusedException;
import io.vertx.ext.mail.SMTPException;

/** Sends replies through the configured relay with Quarkus Mailer, and says how a refusal should be treated. */
@ApplicationScoped
public class RelayMailer implements MailRelay {

    private final Mailer mailer;
    // The reply consumer runs on an ordered Vert.x worker context; the mail client would queue its own
    // callbacks behind the blocked caller on that context and never finish. Sending from a plain thread
    // gives the client a context of its own.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "relay-mailer"));

    public RelayMailer(Mailer mailer) {
        this.mailer = mailer;
    }

    @PreDestroy
    void close() {
        sender.shutdownNow();
    }

    @Override
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
            sender.submit(() -> mailer.send(mail)).get();
        } catch (ExecutionException e) {
            throw refusal(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayRefusedException("interrupted while sending", false);
        }
    }

    /** A 5xx reply is permanent; a 4xx reply, a lost connection or an unreachable relay may pass. */
    static RelayRefusedException refusal(Throwable failure) {
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
