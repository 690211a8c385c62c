package io.switchboard.fax.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Port: the channel's PostgreSQL state. Every method that reads for a {@link Reader} applies who may read. */
public interface FaxStore {

    Optional<KnownFax> find(String provider, String providerFaxId) throws StoreException;

    /** The fax, its document and thumbnail, and its events in one transaction; marked pending until published. */
    void save(FaxRecord fax, CheckedDocument document, List<StoredEvent> events) throws StoreException, DuplicateException;

    List<StoredEvent> events(UUID faxId) throws StoreException;

    void markPublished(UUID faxId) throws StoreException;

    List<UUID> pendingBefore(Instant before, int limit) throws StoreException;

    Optional<FaxView> faxFor(Reader reader, UUID id) throws StoreException;

    Optional<FaxFile> documentFor(Reader reader, UUID id) throws StoreException;

    Optional<FaxFile> thumbnailFor(Reader reader, UUID id) throws StoreException;

    /** Routing offered or assigned a contact to an agent: they may read its fax from now on. */
    void recordHandler(String contactId, String tenantId, String agentId, Instant at) throws StoreException;
}
