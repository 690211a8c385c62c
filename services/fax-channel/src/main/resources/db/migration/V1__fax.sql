-- Every fax received. A provider's retry is recognised by (provider, provider_fax_id).
CREATE TABLE fax (
    id               uuid PRIMARY KEY,
    tenant_id        text NOT NULL,
    provider         text NOT NULL,
    provider_fax_id  text NOT NULL,
    contact_id       text NOT NULL UNIQUE,
    from_number      text NOT NULL,
    to_number        text NOT NULL,
    pages            int NOT NULL CHECK (pages > 0),
    content_type     text NOT NULL CHECK (content_type IN ('application/pdf', 'image/tiff')),
    size_bytes       bigint NOT NULL,
    status           text NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED')),
    received_at      timestamptz NOT NULL,
    UNIQUE (provider, provider_fax_id)
);
CREATE INDEX fax_pending ON fax (received_at) WHERE status = 'PENDING';

-- The document as received and its first page's PNG thumbnail, kept apart so listing faxes never reads them.
CREATE TABLE fax_document (
    fax_id     uuid PRIMARY KEY REFERENCES fax (id) ON DELETE CASCADE,
    data       bytea NOT NULL,
    thumbnail  bytea NOT NULL
);

-- The outbox: a fax's events until the broker acknowledged them (same ids on every retry).
CREATE TABLE fax_event (
    fax_id     uuid NOT NULL REFERENCES fax (id) ON DELETE CASCADE,
    seq        int NOT NULL,
    topic      text NOT NULL,
    event_key  text NOT NULL,
    payload    bytea NOT NULL,
    PRIMARY KEY (fax_id, seq)
);

-- Agents routing offered or assigned a contact to: they may read its fax.
CREATE TABLE contact_handler (
    contact_id  text NOT NULL,
    agent_id    text NOT NULL,
    tenant_id   text NOT NULL,
    since       timestamptz NOT NULL,
    PRIMARY KEY (contact_id, agent_id)
);
