package io.switchboard.reporting.messaging;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.switchboard.reporting.domain.RelayRefusedException;
import io.switchboard.reporting.domain.ReportMail;
import io.switchboard.reporting.domain.ReportMailer;
import io.vertx.ext.mail.SMTPException;

/** Mails scheduled reports through the email channel's relay with Quarkus Mailer, and says how a refusal should be treated. */
@ApplicationScoped
public class RelayReportMailer implements ReportMailer {

    private final Mailer mailer;
    private final String from;
    // The mail client runs its callbacks on the caller's Vert.x context; a caller blocked on a worker context
    // would never see them. Sending from a plain thread gives the client a context of its own.
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "report-mailer"));

    public RelayReportMailer(Mailer mailer, @ConfigProperty(name = "switchboard.reporting.schedules.from") String from) {
        this.mailer = mailer;
        this.from = from;
    }

    @PreDestroy
    void close() {
        sender.shutdownNow();
    }

    @Override
    public void send(ReportMail report) throws RelayRefusedException {
        Mail mail = new Mail().setTo(report.to()).setFrom(from).setSubject(report.subject()).setText(report.text())
                .addHeader("Auto-Submitted", "auto-generated")
                .addAttachment(report.attachment().filename(), report.attachment().data(), report.attachment().contentType());
        Throwable first = attempt(mail);
        if (first == null) {
            return;
        }
        if (reply(first) != null) {
            throw refusal(first);
        }
        // A pooled connection the relay closed while it idled (a relay restart, say) fails a send before the relay has
        // said anything; one more try gets a fresh connection. A relay that is really away fails again at once.
        Throwable second = attempt(mail);
        if (second != null) {
            throw refusal(second);
        }
    }

    /** The send's failure, or null when the relay took the mail. */
    private Throwable attempt(Mail mail) throws RelayRefusedException {
        try {
            sender.submit(() -> mailer.send(mail)).get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayRefusedException("interrupted while sending", false);
        }
    }

    /** A 5xx reply is permanent; a 4xx reply, a lost connection or an unreachable relay may pass. */
    static RelayRefusedException refusal(Throwable failure) {
        SMTPException smtp = reply(failure);
        if (smtp != null) {
            return new RelayRefusedException(smtp.getReplyCode() + " " + String.join(" ", replyLines(smtp)), smtp.isPermanent());
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new RelayRefusedException("relay unavailable: " + reason, false);
    }

    /** The relay's reply behind a failure, or null when the relay never answered (unreachable, connection lost). */
    private static SMTPException reply(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }

    private static List<String> replyLines(SMTPException smtp) {
        return smtp.getReplyMessages() == null ? List.of(String.valueOf(smtp.getReplyMessage())) : smtp.getReplyMessages();
    }
}
