package io.switchboard.email.domain;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.AttachmentRef;
import io.switchboard.events.Channel;
import io.switchboard.events.ContactCreated;
import io.switchboard.events.ContactEvent;
import io.switchboard.events.ContactMessageReceived;
import io.switchboard.events.Direction;
import io.switchboard.events.address.Address;
import io.switchboard.events.address.InvalidAddressException;
import io.switchboard.service.config.EntryPointRoute;

/**
 * Turns one inbound email into contact events: parse, hold back auto-replies, find the thread it
 * continues, store the raw message with its files and events in one transaction, publish, and only
 * then report success. A message seen before (same tenant and Message-ID) is never published twice;
 * if its events were stored but not yet acknowledged, they are published again with the same ids.
 * <p>
 * A new message costs two store calls: {@link EmailStore#ingest} (the duplicate check, the thread
 * lookup, the token and every insert, in one transaction) and {@link EmailStore#markPublished} once the
 * broker acknowledged, which cannot share that transaction because the publish lies between them.
 */
@ApplicationScoped
public class InboundMailProcessor {

    private static final Logger LOG = Logger.getLogger(InboundMailProcessor.class);

    private final EmailStore store;
    private final ContactEvents publisher;
    private final EmailSettings config;
    private final String publicUrl;

    public InboundMailProcessor(EmailStore store, ContactEvents publisher, EmailSettings config) {
        this.store = store;
        this.publisher = publisher;
        this.config = config;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    public IngestOutcome ingest(InboundMail mail) throws MalformedEmailException, IngestUnavailableException {
        ParsedEmail email = EmailParser.parse(mail.raw(), mail.envelopeSender());
        String tenantId = mail.route().tenantId();
        Instant now = Instant.now();
        UUID emailId = UUID.randomUUID();
        Optional<String> customer = customerAddress(email, mail.envelopeSender());
        Optional<String> held = email.autoReply().or(() -> customer.isEmpty() ? Optional.of("no sender address to answer") : Optional.empty());
        // Held-back mail joins no thread, so it looks none up.
        EmailStore.Lookup lookup = held.isPresent()
                ? new EmailStore.Lookup(tenantId, email.messageId(), List.of(), OptionalLong.empty())
                : new EmailStore.Lookup(tenantId, email.messageId(), email.threadReferences(), SubjectToken.find(email.subject()));
        try {
            EmailStore.Ingested ingested;
            try {
                ingested = store.ingest(lookup, (candidates, tokens) -> held.isPresent()
                        ? new EmailStore.NewMessage(Optional.empty(),
                                record(emailId, mail, email, null, InboundRecord.Status.SUPPRESSED, held.get(), now), List.of(), List.of())
                        : accepted(mail, email, customer.get(), candidates, tokens, emailId, now));
            } catch (DuplicateMessageException raced) {
                return replay(store.findInbound(tenantId, email.messageId()).orElseThrow());
            }
            if (ingested.known().isPresent()) {
                return replay(ingested.known().get());
            }
            if (held.isPresent()) {
                LOG.infof("held back %s from %s for %s: %s", email.messageId(), email.fromAddress(), mail.route().address(), held.get());
                return new IngestOutcome(IngestOutcome.Kind.SUPPRESSED, emailId.toString(), null);
            }
            publish(emailId, ingested.stored().events());
            return new IngestOutcome(IngestOutcome.Kind.ACCEPTED, emailId.toString(), ingested.stored().record().contactId());
        } catch (StoreException e) {
            throw new IngestUnavailableException("the message store is unavailable", e);
        }
    }

    /** Publishes what was stored but never acknowledged (the sender went away, or the service died). */
    public int publishPending(Instant storedBefore) throws StoreException {
        int published = 0;
        for (UUID emailId : store.pendingBefore(storedBefore, 100)) {
            try {
                publish(emailId, store.events(emailId));
                published++;
            } catch (IngestUnavailableException e) {
                LOG.warnf("pending email %s still not published: %s", emailId, e.getMessage());
                break;
            }
        }
        return published;
    }

    /**
     * What a message that is not held back becomes, decided inside the store's transaction: the thread it
     * continues (by In-Reply-To/References first; then by the subject token, but only for the thread's
     * own customer, so a guessed token cannot write into someone else's contact) or a new one, its files
     * and its events.
     */
    private EmailStore.NewMessage accepted(InboundMail mail, ParsedEmail email, String customer, EmailStore.Candidates candidates,
            EmailStore.Tokens tokens, UUID emailId, Instant now) throws StoreException {
        EntryPointRoute route = mail.route();
        Optional<EmailThread> found = candidates.byReference()
                .or(() -> candidates.byToken().filter(t -> t.customerAddress().equals(customer)));
        // An answer to a conversation whose contact has ended is new work for the center: a new contact.
        Optional<EmailThread> existing = found.filter(EmailThread::open);
        Optional<String> previousContact = found.filter(t -> !t.open()).map(EmailThread::contactId);
        Optional<EmailThread> created = existing.isPresent() ? Optional.empty()
                : Optional.of(new EmailThread(UUID.randomUUID().toString(), route.tenantId(), tokens.next(), route.address(),
                        customer, email.fromName(), email.subject(), now, null));
        EmailThread thread = existing.or(() -> created).orElseThrow();

        List<StoredAttachment> files = new ArrayList<>();
        List<AttachmentRef> refs = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        for (ParsedAttachment part : email.attachments()) {
            String name = part.filename() != null ? part.filename() : part.contentId();
            if (part.size() > config.attachmentMaxBytes()) {
                omitted.add((name == null ? part.contentType() : name) + " (" + part.size() + " bytes)");
                continue;
            }
            UUID id = UUID.randomUUID();
            files.add(new StoredAttachment(id, route.tenantId(), emailId, part.filename(), part.contentType(), part.contentId(),
                    part.inline(), part.data()));
            refs.add(new AttachmentRef(id.toString(), name, part.contentType(), part.size(),
                    URI.create(publicUrl + "/api/attachments/" + id)));
        }

        List<StoredEvent> events = events(mail, email, thread, created.isPresent(), previousContact, emailId, refs, omitted, now);
        return new EmailStore.NewMessage(created, record(emailId, mail, email, thread.contactId(), InboundRecord.Status.PENDING,
                null, now), files, events);
    }

    private List<StoredEvent> events(InboundMail mail, ParsedEmail email, EmailThread thread, boolean newContact,
            Optional<String> previousContact, UUID emailId, List<AttachmentRef> refs, List<String> omitted, Instant now) {
        Address from = Address.email(thread.customerAddress());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("emailId", emailId.toString());
        metadata.put("messageIdHeader", email.messageId());
        metadata.put("subject", email.subject());
        metadata.put("token", SubjectToken.format(thread.token()));
        metadata.put("source", mail.source());
        if (email.html() != null) {
            metadata.put("html", "true");
        }
        if (!omitted.isEmpty()) {
            metadata.put("attachmentsOmitted", String.join("; ", omitted));
        }
        previousContact.ifPresent(id -> metadata.put("previousContactId", id));
        List<ContactEvent> events = new ArrayList<>();
        if (newContact) {
            Map<String, String> hints = new LinkedHashMap<>();
            if (email.fromName() != null) {
                hints.put("name", email.fromName());
            }
            events.add(new ContactCreated(UUID.randomUUID(), thread.tenantId(), now, thread.contactId(), Channel.EMAIL,
                    Direction.INBOUND, mail.route().address(), from, Address.email(mail.route().address()), hints, email.subject(),
                    email.text(), refs, null, 0, metadata));
        }
        events.add(new ContactMessageReceived(UUID.randomUUID(), thread.tenantId(), now, thread.contactId(), emailId.toString(),
                Channel.EMAIL, from, email.text(), refs, metadata));
        return events.stream().map(publisher::encode).toList();
    }

    private IngestOutcome replay(KnownInbound known) throws StoreException, IngestUnavailableException {
        if (known.status() == InboundRecord.Status.PENDING) {
            publish(known.id(), store.events(known.id()));
        }
        return new IngestOutcome(IngestOutcome.Kind.DUPLICATE, known.id().toString(), known.contactId());
    }

    private void publish(UUID emailId, List<StoredEvent> events) throws IngestUnavailableException {
        try {
            publisher.publish(events, config.publishTimeout());
            store.markPublished(emailId);
        } catch (StoreException | RuntimeException e) {
            throw new IngestUnavailableException("the events could not be published", e);
        }
    }

    private static InboundRecord record(UUID id, InboundMail mail, ParsedEmail email, String contactId,
            InboundRecord.Status status, String reason, Instant now) {
        return new InboundRecord(id, mail.route().tenantId(), email.messageId(), contactId, mail.source(), mail.envelopeSender(),
                email.fromAddress(), email.fromName(), mail.route().address(), email.subject(), email.text(), email.html(),
                mail.raw(), status, reason, now);
    }

    /** Who to answer: the From header, else the envelope sender; each must be a valid address. */
    private static Optional<String> customerAddress(ParsedEmail email, String envelopeSender) {
        for (String candidate : new String[] {email.fromAddress(), envelopeSender}) {
            if (candidate != null && !candidate.isBlank()) {
                try {
                    return Optional.of(Address.email(candidate).value());
                } catch (InvalidAddressException invalid) {
                    // try the next one
                }
            }
        }
        return Optional.empty();
    }
}
