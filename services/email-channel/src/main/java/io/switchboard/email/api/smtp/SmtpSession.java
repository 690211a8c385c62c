package io.switchboard.email.api.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

import io.micrometer.core.instrument.Counter;

import io.switchboard.email.domain.EmailDirectory;
import io.switchboard.email.domain.InboundMail;
import io.switchboard.email.domain.InboundMailProcessor;
import io.switchboard.email.domain.IngestOutcome;
import io.switchboard.email.domain.IngestUnavailableException;
import io.switchboard.email.domain.MalformedEmailException;
import io.switchboard.email.domain.SenderRateLimiter;
import io.switchboard.service.config.EntryPointRoute;

/**
 * One SMTP transaction (MAIL, RCPT..., DATA). Every refusal is an SMTP reply with an enhanced status
 * code; DATA answers 250 only once each tenant's copy is stored and its events are acknowledged by
 * Kafka, and 451 (try again) when either is unavailable, so the sending server keeps the message.
 */
final class SmtpSession implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(SmtpSession.class);

    private final MessageContext context;
    private final EmailDirectory directory;
    private final InboundMailProcessor processor;
    private final SmtpConnections connections;
    private final SenderRateLimiter limiter;
    private final Counter overSenderRate;
    private final int maxMessageBytes;
    private String sender;
    // One copy per tenant: two addresses of one tenant are one conversation, not two.
    private final Map<String, EntryPointRoute> routesByTenant = new LinkedHashMap<>();

    SmtpSession(MessageContext context, EmailDirectory directory, InboundMailProcessor processor, SmtpConnections connections,
            SenderRateLimiter limiter, Counter overSenderRate, int maxMessageBytes) {
        this.context = context;
        this.directory = directory;
        this.processor = processor;
        this.connections = connections;
        this.limiter = limiter;
        this.overSenderRate = overSenderRate;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void from(String from) throws RejectException {
        if (!connections.anotherMessage(context)) {
            // answered, then the connection is closed (RFC 5321's 421)
            throw new DropConnectionException(421, "4.7.0 Too many messages in this connection (at most " + connections.maxMessages()
                    + "), reconnect");
        }
        String key = from == null || from.isBlank() ? "<>@" + clientHost() : from;
        if (!limiter.tryAcquire(key)) {
            overSenderRate.increment();
            throw new RejectException(450, "4.7.1 Too many messages from " + key + ", try again later");
        }
        sender = from == null ? "" : from;
    }

    @Override
    public void recipient(String recipient) throws RejectException {
        EntryPointRoute route = directory.lookup(recipient).orElse(null);
        if (route == null) {
            if (!directory.loaded()) {
                throw new RejectException(451, "4.3.0 The address directory is still loading, try again later");
            }
            throw new RejectException(550, "5.1.1 <" + recipient + ">: no such mailbox here");
        }
        routesByTenant.putIfAbsent(route.tenantId(), route);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] raw = readAtMost(data, maxMessageBytes);
        List<String> ids = new ArrayList<>();
        for (EntryPointRoute route : routesByTenant.values()) {
            try {
                IngestOutcome outcome = processor.ingest(new InboundMail(sender, route, raw, "smtp"));
                ids.add(outcome.emailId());
            } catch (MalformedEmailException e) {
                throw new RejectException(554, "5.6.0 " + e.getMessage());
            } catch (IngestUnavailableException e) {
                LOG.warnf(e, "deferring a message for %s", route.address());
                throw new RejectException(451, "4.3.0 Temporarily unable to accept the message, try again later");
            }
        }
        return "2.0.0 Ok: accepted as " + String.join(",", ids);
    }

    @Override
    public void done() {
    }

    private String clientHost() {
        return SmtpConnections.address(context.getRemoteAddress());
    }

    /** Reads the message, or drains it and answers 552 so the session can go on with the next one. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException, RejectException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
        byte[] buffer = new byte[16 * 1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > limit) {
                in.transferTo(OutputStreamSink.INSTANCE);
                throw new RejectException(552, "5.3.4 Message size exceeds the limit of " + limit + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
