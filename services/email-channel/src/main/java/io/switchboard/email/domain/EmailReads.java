package io.switchboard.email.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactOffered;

/**
 * Who may read what, the inbox's rule: a supervisor (or admin) reads every conversation of their
 * tenants; an agent reads the contacts routing offered or assigned to them, now or before. The store
 * decides it in each query; anything else is not found, so its existence is not confirmed.
 */
@ApplicationScoped
public class EmailReads {

    private final EmailStore store;

    public EmailReads(EmailStore store) {
        this.store = store;
    }

    public List<EmailView> thread(Reader reader, String contactId) throws StoreException, NotFoundException {
        return store.threadFor(reader, contactId).orElseThrow(() -> new NotFoundException("no email conversation " + contactId));
    }

    public EmailView email(Reader reader, UUID id) throws StoreException, NotFoundException {
        return store.inboundFor(reader, id).orElseThrow(() -> new NotFoundException("no email " + id));
    }

    public AttachmentContent attachment(Reader reader, UUID id) throws StoreException, NotFoundException {
        return store.attachmentFor(reader, id).orElseThrow(() -> new NotFoundException("no attachment " + id));
    }

    /** Routing offered the contact to an agent: they may read it from now on, whether they accept or not. */
    public void offered(ContactOffered offer) throws StoreException {
        store.recordHandler(offer.contactId(), offer.tenantId(), offer.agentId(), offer.occurredAt());
    }

    public void assigned(ContactAssigned assignment) throws StoreException {
        store.recordHandler(assignment.contactId(), assignment.tenantId(), assignment.agentId(), assignment.occurredAt());
    }
}
