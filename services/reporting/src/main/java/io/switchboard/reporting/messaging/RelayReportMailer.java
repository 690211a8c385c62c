package io.switchboard.reporting.messaging;

import java.util.Date;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import io.switchboard.reporting.config.RelayConfig;
import io.switchboard.reporting.config.ScheduleConfig;
import io.switchboard.reporting.domain.RelayRefusedException;
import io.switchboard.reporting.domain.ReportMail;
import io.switchboard.reporting.domain.ReportMailer;

/**
 * Mails scheduled reports through the relay with Jakarta Mail's SMTP client, one connection per report, and says
 * how a refusal should be treated. A blocking client on the tick's own thread: each exchange is bounded by the
 * relay timeout, and no pooled connection outlives a relay restart.
 */
@ApplicationScoped
public class RelayReportMailer implements ReportMailer {

    private final RelayConfig relay;
    private final InternetAddress from;
    private final Session session;

    @Inject
    public RelayReportMailer(RelayConfig relay, ScheduleConfig schedules) {
        this(relay, schedules.from());
    }

    RelayReportMailer(RelayConfig relay, String from) {
        this.relay = relay;
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("switchboard.reporting.schedules.from is not a mail address: " + from, e);
        }
        this.session = Session.getInstance(sessionProperties(relay));
    }

    static Properties sessionProperties(RelayConfig relay) {
        String timeout = String.valueOf(relay.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", relay.host());
        properties.setProperty("mail.smtp.port", String.valueOf(relay.port()));
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        properties.setProperty("mail.smtp.auth", String.valueOf(relay.username().isPresent()));
        properties.setProperty("mail.smtp.starttls.enable", String.valueOf(relay.startTls() != RelayConfig.StartTls.DISABLED));
        properties.setProperty("mail.smtp.starttls.required", String.valueOf(relay.startTls() == RelayConfig.StartTls.REQUIRED));
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return properties;
    }

    @Override
    public void send(ReportMail report) throws RelayRefusedException {
        MimeMessage mail = message(report);
        SMTPTransport transport = transport();
        try {
            transport.connect(relay.host(), relay.port(), relay.username().orElse(null), relay.password().orElse(null));
            transport.sendMessage(mail, mail.getAllRecipients());
        } catch (MessagingException e) {
            throw refusal(e, transport.getLastReturnCode(), transport.getLastServerResponse());
        } finally {
            close(transport);
        }
    }

    /**
     * A 5xx reply is permanent; a 4xx reply, a lost connection or an unreachable relay may pass. The reply is the
     * refused command's (a recipient's, the sender's, the data's), else the last one the relay gave.
     */
    static RelayRefusedException refusal(MessagingException failure, int lastReplyCode, String lastReply) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            int code = replyCode(e);
            if (code >= 400) {
                return new RelayRefusedException(e.getMessage().strip(), code >= 500);
            }
        }
        if (lastReplyCode >= 400 && lastReply != null && !lastReply.isBlank()) {
            return new RelayRefusedException(lastReply.strip(), lastReplyCode >= 500);
        }
        return new RelayRefusedException("relay unavailable: " + reason(failure), false);
    }

    private static int replyCode(Exception refused) {
        if (refused instanceof SMTPAddressFailedException recipient) {
            return recipient.getReturnCode();
        }
        if (refused instanceof SMTPSenderFailedException sender) {
            return sender.getReturnCode();
        }
        if (refused instanceof SMTPSendFailedException data) {
            return data.getReturnCode();
        }
        return 0;
    }

    private static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage();
        return deepest == failure ? message : failure.getMessage() + " (" + message + ")";
    }

    private MimeMessage message(ReportMail report) throws RelayRefusedException {
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(from);
            for (String to : report.to()) {
                mail.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            mail.setSubject(report.subject(), "UTF-8");
            mail.setSentDate(new Date());
            mail.setHeader("Auto-Submitted", "auto-generated");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(report.text(), "UTF-8");
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(
                    new ByteArrayDataSource(report.attachment().data(), report.attachment().contentType())));
            file.setFileName(report.attachment().filename());
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            mail.setContent(new MimeMultipart(text, file));
            mail.saveChanges();
            return mail;
        } catch (MessagingException e) {
            // A recipient the schedule's validation let through but the mail format does not take: never deliverable.
            throw new RelayRefusedException("not a mail: " + e.getMessage(), true);
        }
    }

    private SMTPTransport transport() throws RelayRefusedException {
        try {
            return (SMTPTransport) session.getTransport("smtp");
        } catch (MessagingException e) {
            throw new IllegalStateException("no SMTP transport on the class path", e);
        }
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // The mail was taken or refused already; a QUIT the relay does not answer changes neither.
        }
    }
}
