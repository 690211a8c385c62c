package io.switchboard.mailrelay;

import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Hands mail to the relay with Jakarta Mail's blocking SMTP client, one connection per mail, every wait bounded by
 * the settings' timeout. Blocking on purpose: the caller's thread waits for the relay's verdict, so no pooled
 * connection outlives a relay restart and no reply can arrive where nobody is listening for it.
 */
public class SmtpRelay {

    private final RelaySettings settings;
    private final Session session;

    public SmtpRelay(RelaySettings settings) {
        this.settings = settings;
        this.session = Session.getInstance(sessionProperties(settings));
    }

    /** A message to fill and submit; a Message-ID set on it is kept (replies thread on it). */
    public MimeMessage newMessage() {
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (getHeader("Message-ID", null) == null) {
                    super.updateMessageID();
                }
            }
        };
    }

    /** Sends the message to its recipients, or says why the relay did not take it. */
    public void submit(MimeMessage message) throws RelayRefusal {
        SMTPTransport transport;
        try {
            message.saveChanges();
            transport = (SMTPTransport) session.getTransport("smtp");
        } catch (MessagingException e) {
            throw new RelayRefusal("not a mail: " + e.getMessage(), true);
        }
        try {
            // The session's mail.smtp.host and mail.smtp.port say where.
            transport.connect(settings.username().orElse(null), settings.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException e) {
            throw refusal(e, transport.getLastReturnCode(), transport.getLastServerResponse());
        } finally {
            close(transport);
        }
    }

    static Properties sessionProperties(RelaySettings settings) {
        String timeout = String.valueOf(settings.timeout().toMillis());
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", settings.host());
        properties.setProperty("mail.smtp.port", String.valueOf(settings.port()));
        properties.setProperty("mail.smtp.connectiontimeout", timeout);
        properties.setProperty("mail.smtp.timeout", timeout);
        properties.setProperty("mail.smtp.writetimeout", timeout);
        properties.setProperty("mail.smtp.auth", String.valueOf(settings.username().isPresent()));
        properties.setProperty("mail.smtp.starttls.enable", String.valueOf(settings.startTls() != RelaySettings.StartTls.DISABLED));
        properties.setProperty("mail.smtp.starttls.required", String.valueOf(settings.startTls() == RelaySettings.StartTls.REQUIRED));
        properties.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        return properties;
    }

    /**
     * A 5xx reply is permanent; a 4xx reply, a silent or lost connection or an unreachable relay may pass. The reply
     * is the refused command's (a recipient's, the sender's, the data's), else the last one the relay gave.
     */
    static RelayRefusal refusal(MessagingException failure, int lastReplyCode, String lastReply) {
        for (Exception e = failure; e != null; e = e instanceof MessagingException m ? m.getNextException() : null) {
            int code = replyCode(e);
            if (code >= 400 && e.getMessage() != null) {
                return new RelayRefusal(e.getMessage().strip(), code >= 500);
            }
        }
        if (lastReplyCode >= 400 && lastReply != null && !lastReply.isBlank()) {
            return new RelayRefusal(lastReply.strip(), lastReplyCode >= 500);
        }
        return new RelayRefusal("relay unavailable: " + reason(failure), false);
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

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // The mail was taken or refused already; a QUIT the relay does not answer changes neither.
        }
    }
}
