package io.switchboard.fax.domain;

import java.util.UUID;

import io.switchboard.events.ContactAssigned;
import io.switchboard.events.ContactOffered;

/**
 * Who may read a fax, the inbox's rule: a supervisor (or admin) every fax of their tenants; an agent
 * the faxes whose contact routing offered or assigned to them, now or before. The store decides it in
 * each query; anything else is not found, so a fax's existence is never confirmed to others.
 */
public class FaxReads {

    private final FaxStore store;

    public FaxReads(FaxStore store) {
        this.store = store;
    }

    public FaxView fax(Reader reader, UUID id) throws StoreException, NotFoundException {
        return store.faxFor(reader, id).orElseThrow(() -> new NotFoundException("no fax " + id));
    }

    public FaxFile document(Reader reader, UUID id) throws StoreException, NotFoundException {
        return store.documentFor(reader, id).orElseThrow(() -> new NotFoundException("no fax " + id));
    }

    public FaxFile thumbnail(Reader reader, UUID id) throws StoreException, NotFoundException {
        return store.thumbnailFor(reader, id).orElseThrow(() -> new NotFoundException("no fax " + id));
    }

    public void offered(ContactOffered offer) throws StoreException {
        store.recordHandler(offer.contactId(), offer.tenantId(), offer.agentId(), offer.occurredAt());
    }

    public void assigned(ContactAssigned assignment) throws StoreException {
        store.recordHandler(assignment.contactId(), assignment.tenantId(), assignment.agentId(), assignment.occurredAt());
    }
}
