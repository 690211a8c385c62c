package io.switchboard.email.api.smtp;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.jboss.logging.Logger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.email.config.EmailConfig;
import io.switchboard.service.api.IngressRefusals;
import io.switchboard.service.ratelimit.KeyedRateLimiter;

/**
 * The SMTP server's limits per connection: new connections per client address (a token bucket;
 * beyond it, {@code 421 4.7.0} instead of the greeting) and messages per connection (beyond the cap,
 * {@code 421 4.7.0} to the next MAIL FROM and the connection is closed, RFC 5321 4.2.2, so the sender
 * reconnects for the rest).
 */
final class SmtpConnections implements SessionHandler {

    private static final Logger LOG = Logger.getLogger(SmtpConnections.class);

    private final KeyedRateLimiter addresses;
    private final int maxMessages;
    private final LongSupplier nanoTime;
    private final Map<String, AtomicInteger> messages = new ConcurrentHashMap<>();
    private final Counter overConnectionRate;
    private final Counter overMessagesPerConnection;

    SmtpConnections(EmailConfig.Smtp smtp, MeterRegistry registry, LongSupplier nanoTime) {
        EmailConfig.ConnectionRate rate = smtp.connectionRate();
        this.addresses = new KeyedRateLimiter(rate.perSecond(), rate.burst(), rate.maxSources());
        this.maxMessages = smtp.maxMessagesPerConnection();
        this.nanoTime = nanoTime;
        this.overConnectionRate = IngressRefusals.counter(registry, "email-channel", "smtp", "connection-rate");
        this.overMessagesPerConnection = IngressRefusals.counter(registry, "email-channel", "smtp", "messages-per-connection");
    }

    @Override
    public SessionAcceptance accept(Session session) {
        String address = address(session.getRemoteAddress());
        OptionalLong retryAfter = addresses.acquire(address, nanoTime.getAsLong());
        if (retryAfter.isPresent()) {
            overConnectionRate.increment();
            LOG.debugf("SMTP connection from %s refused: over its connection rate", address);
            return SessionAcceptance.failure(421, "4.7.0 Too many connections from " + address + ", try again in "
                    + retryAfter.getAsLong() + " s");
        }
        messages.put(session.getSessionId(), new AtomicInteger());
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        messages.remove(session.getSessionId());
    }

    /** Counts a new transaction (MAIL FROM) of the connection: false when it is over the cap (the caller answers 421 and drops it). */
    boolean anotherMessage(MessageContext context) {
        AtomicInteger count = messages.get(context.getSessionId());
        if (count == null || count.incrementAndGet() <= maxMessages) {
            return true;
        }
        overMessagesPerConnection.increment();
        return false;
    }

    int maxMessages() {
        return maxMessages;
    }

    static String address(java.net.SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress()
                : String.valueOf(remote);
    }
}
