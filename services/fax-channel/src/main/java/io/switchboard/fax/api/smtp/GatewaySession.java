package io.switchboard.fax.api.smtp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.jboss.logging.Logger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

import io.switchboard.fax.domain.FaxIngest;
import io.switchboard.fax.domain.FaxRoute;
import io.switchboard.fax.domain.InboundFax;
import io.switchboard.fax.domain.IngestOutcome;
import io.switchboard.fax.domain.InvalidFaxException;
import io.switchboard.fax.domain.NumberDirectory;
import io.switchboard.fax.domain.UnavailableException;
import io.switchboard.fax.domain.UnknownNumberException;

/**
 * One mail from a T.38 gateway: the recipient {@code <digits>@<domain>} names the fax number, the
 * first PDF or TIFF attachment is the fax, the sender's number is the {@code X-Fax-From} header (else
 * the From address's local part), and the Message-ID recognises the gateway's retry. DATA answers 250
 * only once the fax is stored and its contact.created acknowledged by Kafka; 451 when either is
 * unavailable, so the gateway keeps the mail; 5xx with the reason for a mail that will never be taken.
 */
final class GatewaySession implements MessageHandler {

    static final String PROVIDER = "smtp-gateway";
    static final String FROM_HEADER = "X-Fax-From";
    private static final Pattern RECIPIENT = Pattern.compile("^\\+?([0-9]{5,15})@[^@]+$");
    private static final Logger LOG = Logger.getLogger(GatewaySession.class);
    private static final Session MAIL = Session.getInstance(new Properties());

    private final MessageContext context;
    private final NumberDirectory directory;
    private final FaxIngest ingest;
    private final GatewayAuthorisation authorisation;
    private final int maxMessageBytes;
    private boolean clientAllowed;
    private String number;

    GatewaySession(MessageContext context, NumberDirectory directory, FaxIngest ingest, GatewayAuthorisation authorisation,
            int maxMessageBytes) {
        this.context = context;
        this.directory = directory;
        this.ingest = ingest;
        this.authorisation = authorisation;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void from(String from) throws RejectException {
        clientAllowed = authorisation.allowsClient(clientIp());
        if (!clientAllowed && !authorisation.acceptsSecret()) {
            throw new RejectException(550, "5.7.1 " + clientIp() + " is not an authorised fax gateway");
        }
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        if (number != null) {
            throw new RejectException(452, "4.5.3 One fax number per message; send the others separately");
        }
        var matcher = RECIPIENT.matcher(recipient == null ? "" : recipient.strip());
        if (!matcher.matches()) {
            throw new RejectException(550, "5.1.3 <" + recipient + ">: the recipient must be <fax number digits>@<domain>");
        }
        String e164 = "+" + matcher.group(1);
        Optional<FaxRoute> route = directory.route(e164);
        if (route.isEmpty()) {
            if (!directory.loaded()) {
                throw new RejectException(451, "4.3.0 The fax number directory is still loading, try again later");
            }
            throw new RejectException(550, "5.1.1 <" + recipient + ">: " + e164 + " is not a fax number here");
        }
        number = e164;
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] raw = readAtMost(data, maxMessageBytes);
        if (number == null) {
            throw new RejectException(503, "5.5.1 No valid recipient");
        }
        try {
            MimeMessage message = new MimeMessage(MAIL, new ByteArrayInputStream(raw));
            if (!clientAllowed && !authorisation.secretMatches(message.getHeader(authorisation.header(), null))) {
                throw new RejectException(550, "5.7.1 " + clientIp() + " is not an authorised fax gateway (no valid "
                        + authorisation.header() + ")");
            }
            String messageId = message.getMessageID();
            if (messageId == null || messageId.isBlank()) {
                throw new RejectException(554, "5.6.0 The message has no Message-ID: a gateway's retry could not be recognised");
            }
            byte[] document = firstDocument(message)
                    .orElseThrow(() -> new RejectException(554, "5.6.0 The message has no PDF or TIFF attachment"));
            IngestOutcome outcome = ingest.receive(new InboundFax(PROVIDER, messageId.strip(), sender(message), number, null), document);
            LOG.infof("gateway fax %s: %s as fax %s (contact %s)", messageId, outcome.kind(), outcome.faxId(), outcome.contactId());
            return "2.0.0 Ok: fax " + outcome.faxId();
        } catch (MessagingException e) {
            throw new RejectException(554, "5.6.0 The message cannot be parsed as MIME: " + e.getMessage());
        } catch (InvalidFaxException e) {
            throw new RejectException(554, "5.6.0 " + e.field() + ": " + e.getMessage());
        } catch (UnknownNumberException e) {
            throw new RejectException(550, "5.1.1 " + e.getMessage());
        } catch (UnavailableException e) {
            LOG.warnf("deferring a gateway fax for %s: %s", number, e.getMessage());
            throw new RejectException(451, "4.3.0 Temporarily unable to accept the fax, try again later");
        }
    }

    @Override
    public void done() {
    }

    /** The sender's number as the gateway reports it: X-Fax-From, else the From address's local part. */
    private static String sender(MimeMessage message) throws MessagingException {
        String header = message.getHeader(FROM_HEADER, null);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        var from = message.getFrom();
        if (from != null && from.length > 0 && from[0] instanceof InternetAddress address && address.getAddress() != null) {
            String mailbox = address.getAddress();
            int at = mailbox.indexOf('@');
            return at < 0 ? mailbox : mailbox.substring(0, at);
        }
        return null;
    }

    /** The first part declared a PDF or TIFF (by type or file name), depth first; what it really is, the domain decides. */
    static Optional<byte[]> firstDocument(Part part) throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<byte[]> found = firstDocument(child);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        return declaredDocument(part) ? Optional.of(part.getInputStream().readAllBytes()) : Optional.empty();
    }

    private static boolean declaredDocument(Part part) throws MessagingException {
        if (part.isMimeType("application/pdf") || part.isMimeType("image/tiff") || part.isMimeType("image/tif")) {
            return true;
        }
        String name = part.getFileName() == null ? "" : part.getFileName().toLowerCase(Locale.ROOT);
        return name.endsWith(".pdf") || name.endsWith(".tif") || name.endsWith(".tiff");
    }

    private String clientIp() {
        return context.getRemoteAddress() instanceof InetSocketAddress address ? address.getAddress().getHostAddress()
                : String.valueOf(context.getRemoteAddress());
    }

    /** Reads the message, or drains it and answers 552 so the session can go on with the next one. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException, RejectException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > limit) {
                in.transferTo(OutputStream.nullOutputStream());
                throw new RejectException(552, "5.3.4 Message size exceeds the limit of " + limit + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }
}
