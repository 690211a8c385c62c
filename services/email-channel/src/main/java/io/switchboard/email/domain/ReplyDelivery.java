package io.switchboard.email.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageFailed;
import io.switchboard.events.ContactMessageSent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.config.EntryPointRoute;

/**
 * Delivers an agent's reply as a threaded email: from the tenant's address, to the customer, with
 * In-Reply-To the customer's latest message, References the whole thread and the subject token.
 * Each request is decided once (sent or failed) and its outcome event carries an id derived from the
 * request, so a redelivered request is answered again with the same event and never mailed twice.
 */
@ApplicationScoped
public class ReplyDelivery {

    private static final Logger LOG = Logger.getLogger(ReplyDelivery.class);
    private static final int MAX_REFERENCES = 20;
    /** Request metadata naming the recipient of a message that answers no email thread. */
    public static final String STANDALONE_TO = "to";
    /** Request metadata copied onto the outcome event, so the requester can tell its kind of message apart. */
    private static final String KIND = "kind";

    private final EmailStore store;
    private final MailRelay mailer;
    private final ContactEvents publisher;
    private final EmailDirectory directory;
    private final EmailSettings config;
    private final EmailSurveys surveys;

    public ReplyDelivery(EmailStore store, MailRelay mailer, ContactEvents publisher, EmailDirectory directory,
            EmailSettings config, EmailSurveys surveys) {
        this.store = store;
        this.mailer = mailer;
        this.publisher = publisher;
        this.directory = directory;
        this.config = config;
        this.surveys = surveys;
    }

    public void deliver(ReplyRequested reply) throws StoreException, InterruptedException {
        Optional<OutboundRecord> decided = store.outbound(reply.messageId());
        OutboundRecord outcome = decided.isPresent() ? decided.get() : attempt(reply);
        if (decided.isEmpty()) {
            store.saveOutbound(outcome);
        }
        publisher.publish(List.of(publisher.encode(outcomeEvent(reply, outcome))), config.publishTimeout());
    }

    private OutboundRecord attempt(ReplyRequested reply) throws StoreException, InterruptedException {
        Optional<EmailThread> found = store.thread(reply.tenantId(), reply.contactId());
        if (found.isEmpty() && reply.metadata().containsKey(STANDALONE_TO)) {
            return standalone(reply);
        }
        if (found.isEmpty()) {
            return failed(reply, null, "no email conversation " + reply.contactId() + " in tenant " + reply.tenantId());
        }
        EmailThread thread = found.get();
        List<OutgoingEmail.File> files = new ArrayList<>();
        for (var ref : reply.attachments()) {
            Optional<AttachmentContent> file = attachment(reply.tenantId(), ref.id());
            if (file.isEmpty()) {
                return failed(reply, thread, "attachment " + ref.id() + " is not held by the email channel");
            }
            files.add(new OutgoingEmail.File(file.get().filename() != null ? file.get().filename() : ref.filename(),
                    file.get().contentType(), file.get().data()));
        }
        String from = directory.lookup(thread.tenantId(), thread.mailboxAddress())
                .map(route -> "\"" + route.tenantName().replace("\"", "") + "\" <" + thread.mailboxAddress() + ">")
                .orElse(thread.mailboxAddress());
        String messageId = "<" + UUID.randomUUID() + "@" + domain(thread.mailboxAddress()) + ">";
        String subject = SubjectToken.replySubject(thread.subject(), thread.token());
        // The customer's copy ends with the survey link; the thread keeps the agent's words.
        String text = (reply.text() == null ? "" : reply.text()) + surveys.footer(thread.tenantId(), thread.contactId());
        OutgoingEmail email = new OutgoingEmail(from, thread.customerAddress(), subject, text,
                messageId, store.latestInboundMessageId(thread.contactId()).orElse(null),
                references(store.threadMessageIds(thread.contactId())), files);
        return send(reply, email);
    }

    /**
     * A message that answers no email thread, to the address in {@code metadata.to} (a chat transcript
     * the customer asked for, say): from the tenant's first email entry point, with its own subject.
     */
    private OutboundRecord standalone(ReplyRequested reply) throws InterruptedException {
        String to;
        try {
            to = Address.email(reply.metadata().get(STANDALONE_TO)).value();
        } catch (InvalidAddressException bad) {
            return failed(reply, null, bad.getMessage());
        }
        Optional<EntryPointRoute> sender = directory.senderFor(reply.tenantId());
        if (sender.isEmpty()) {
            return failed(reply, null, "tenant " + reply.tenantId() + " has no email entry point to send from");
        }
        String from = "\"" + sender.get().tenantName().replace("\"", "") + "\" <" + sender.get().address() + ">";
        String subject = reply.metadata().getOrDefault("subject", "Your conversation with " + sender.get().tenantName());
        OutgoingEmail email = new OutgoingEmail(from, to, subject, reply.text() == null ? "" : reply.text(),
                "<" + UUID.randomUUID() + "@" + domain(sender.get().address()) + ">", null, List.of(), List.of());
        return send(reply, email);
    }

    private OutboundRecord send(ReplyRequested reply, OutgoingEmail email) throws InterruptedException {
        String messageId = email.messageId();
        String subject = email.subject();
        int attempts = Math.max(1, config.outboundMaxAttempts());
        for (int attempt = 1; ; attempt++) {
            try {
                mailer.send(email);
                return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(), messageId,
                        email.to(), subject, reply.text() == null ? "" : reply.text(), true, null, false, Instant.now());
            } catch (RelayRefusedException refused) {
                LOG.warnf("reply %s, attempt %d of %d: %s", reply.messageId(), attempt, attempts, refused.getMessage());
                if (refused.permanent() || attempt >= attempts) {
                    return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(), messageId,
                            email.to(), subject, reply.text() == null ? "" : reply.text(), false, refused.getMessage(), refused.permanent(),
                            Instant.now());
                }
                Thread.sleep(config.outboundRetryDelay().toMillis() * attempt);
            }
        }
    }

    private Optional<AttachmentContent> attachment(String tenantId, String id) throws StoreException {
        try {
            return store.attachment(tenantId, UUID.fromString(id));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private static OutboundRecord failed(ReplyRequested reply, EmailThread thread, String reason) {
        return new OutboundRecord(reply.messageId(), reply.tenantId(), reply.contactId(), reply.agentId(), null,
                thread == null ? null : thread.customerAddress(), null, reply.text(), false, reason, true, Instant.now());
    }

    private static ContactEvent outcomeEvent(ReplyRequested reply, OutboundRecord outcome) {
        UUID eventId = UUID.nameUUIDFromBytes(("email-reply-outcome:" + reply.messageId()).getBytes(StandardCharsets.UTF_8));
        ContactEvent event = outcome.sent()
                ? new ContactMessageSent(eventId, reply.tenantId(), outcome.decidedAt(), reply.contactId(), reply.messageId(),
                        Channel.EMAIL, reply.agentId(), Address.email(outcome.recipient()), outcome.text(), reply.attachments(),
                        outcomeMetadata(reply, Map.of("messageIdHeader", outcome.messageId(), "subject", outcome.subject())))
                : new ContactMessageFailed(eventId, reply.tenantId(), outcome.decidedAt(), reply.contactId(), reply.messageId(),
                        Channel.EMAIL, reply.agentId(), outcome.reason(), outcome.permanent(), outcomeMetadata(reply, Map.of()));
        return event;
    }

    private static Map<String, String> outcomeMetadata(ReplyRequested reply, Map<String, String> metadata) {
        if (!reply.metadata().containsKey(KIND)) {
            return metadata;
        }
        Map<String, String> withKind = new HashMap<>(metadata);
        withKind.put(KIND, reply.metadata().get(KIND));
        return withKind;
    }

    /** The first Message-ID (the thread's root) and the latest ones, as RFC 5322 suggests for long threads. */
    private static List<String> references(List<String> ids) {
        if (ids.size() <= MAX_REFERENCES) {
            return ids;
        }
        List<String> kept = new ArrayList<>();
        kept.add(ids.get(0));
        kept.addAll(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
        return kept;
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "switchboard.local" : address.substring(at + 1);
    }
}
