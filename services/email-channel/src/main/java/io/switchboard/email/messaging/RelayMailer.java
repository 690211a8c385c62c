package io.switchboard.email.messaging;

import java.io.UnsupportedEncodingException;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import io.switchboard.email.config.EmailConfig;
import io.switchboard.email.domain.MailRelay;
import io.switchboard.email.domain.OutgoingEmail;
import io.switchboard.email.domain.RelayRefusedException;
import io.switchboard.mailrelay.MailParts;
import io.switchboard.mailrelay.RelayRefusal;
import io.switchboard.mailrelay.SmtpRelay;

/**
 * Sends replies through the configured relay (libs/mail-relay: one connection per reply, every reply timed). The
 * reply consumer calls it on its worker thread and waits for the relay's verdict.
 */
@ApplicationScoped
public class RelayMailer implements MailRelay {

    private final SmtpRelay relay;

    public RelayMailer(EmailConfig config) {
        this.relay = new SmtpRelay(config.relay());
    }

    @Override
    public void send(OutgoingEmail email) throws RelayRefusedException {
        try {
            relay.submit(message(email));
        } catch (RelayRefusal refused) {
            throw new RelayRefusedException(refused.getMessage(), refused.permanent());
        } catch (MessagingException | UnsupportedEncodingException e) {
            // An address the mail format does not take: never deliverable, however often it is tried.
            throw new RelayRefusedException("not a mail: " + e.getMessage(), true);
        }
    }

    private MimeMessage message(OutgoingEmail email) throws MessagingException, UnsupportedEncodingException {
        MimeMessage mail = relay.newMessage();
        mail.setFrom(address(email.from()));
        mail.setRecipient(Message.RecipientType.TO, address(email.to()));
        mail.setSubject(email.subject(), "UTF-8");
        mail.setSentDate(new Date());
        mail.setHeader("Message-ID", email.messageId());
        mail.setHeader("Auto-Submitted", "no");
        if (email.inReplyTo() != null) {
            mail.setHeader("In-Reply-To", email.inReplyTo());
        }
        if (!email.references().isEmpty()) {
            mail.setHeader("References", String.join(" ", email.references()));
        }
        if (email.files().isEmpty()) {
            mail.setText(email.text(), "UTF-8");
            return mail;
        }
        MimeMultipart parts = new MimeMultipart(MailParts.text(email.text()));
        for (OutgoingEmail.File file : email.files()) {
            parts.addBodyPart(MailParts.attachment(file.filename(), file.contentType(), file.data()));
        }
        mail.setContent(parts);
        return mail;
    }

    /** An address with its display name written in RFC 2047 words where it is not ASCII (a tenant's name may not be). */
    private static InternetAddress address(String address) throws MessagingException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(address, true);
        return parsed.getPersonal() == null ? parsed : new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
    }
}
