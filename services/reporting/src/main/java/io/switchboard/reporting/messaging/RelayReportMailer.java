package io.switchboard.reporting.messaging;

import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import io.switchboard.mailrelay.MailParts;
import io.switchboard.mailrelay.RelayRefusal;
import io.switchboard.mailrelay.SmtpRelay;
import io.switchboard.reporting.config.RelayConfig;
import io.switchboard.reporting.config.ScheduleConfig;
import io.switchboard.reporting.domain.Attachment;
import io.switchboard.reporting.domain.RelayRefusedException;
import io.switchboard.reporting.domain.ReportMail;
import io.switchboard.reporting.domain.ReportMailer;

/** Mails scheduled reports through the relay (libs/mail-relay: one connection per report, every reply timed). */
@ApplicationScoped
public class RelayReportMailer implements ReportMailer {

    private final SmtpRelay relay;
    private final String from;

    public RelayReportMailer(RelayConfig relay, ScheduleConfig schedules) {
        this.relay = new SmtpRelay(relay);
        this.from = schedules.from();
    }

    @Override
    public void send(ReportMail report) throws RelayRefusedException {
        try {
            relay.submit(message(report));
        } catch (RelayRefusal refused) {
            throw new RelayRefusedException(refused.getMessage(), refused.permanent());
        } catch (MessagingException e) {
            // An address the schedule's validation let through but the mail format does not take: never deliverable.
            throw new RelayRefusedException("not a mail: " + e.getMessage(), true);
        }
    }

    private MimeMessage message(ReportMail report) throws MessagingException {
        MimeMessage mail = relay.newMessage();
        mail.setFrom(new InternetAddress(from, true));
        for (String to : report.to()) {
            mail.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        }
        mail.setSubject(report.subject(), "UTF-8");
        mail.setSentDate(new Date());
        mail.setHeader("Auto-Submitted", "auto-generated");
        Attachment file = report.attachment();
        mail.setContent(new MimeMultipart(MailParts.text(report.text()),
                MailParts.attachment(file.filename(), file.contentType(), file.data())));
        return mail;
    }
}
