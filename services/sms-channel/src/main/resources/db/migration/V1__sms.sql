-- One row per SMS contact: the customer's number and the tenant's number it texted.
CREATE TABLE conversation (
    contact_id       text PRIMARY KEY,
    tenant_id        text NOT NULL,
    entry_number     text NOT NULL,
    customer_number  text NOT NULL,
    created_at       timestamptz NOT NULL,
    last_inbound_at  timestamptz NOT NULL,
    ended_at         timestamptz
);
CREATE INDEX conversation_open ON conversation (tenant_id, customer_number, entry_number, last_inbound_at DESC)
    WHERE ended_at IS NULL;

-- Every inbound text. A provider's retry is recognised by (provider, provider_message_id).
CREATE TABLE inbound_sms (
    id                   uuid PRIMARY KEY,
    tenant_id            text NOT NULL,
    provider             text NOT NULL,
    provider_message_id  text NOT NULL,
    contact_id           text REFERENCES conversation (contact_id),
    from_number          text NOT NULL,
    to_number            text NOT NULL,
    body                 text NOT NULL,
    keyword              text,
    status               text NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED', 'KEYWORD')),
    received_at          timestamptz NOT NULL,
    UNIQUE (provider, provider_message_id)
);
CREATE INDEX inbound_sms_pending ON inbound_sms (received_at) WHERE status = 'PENDING';
CREATE INDEX inbound_sms_contact ON inbound_sms (contact_id, received_at);

-- The events a text becomes, kept until the broker acknowledged them (same ids on every retry).
CREATE TABLE inbound_event (
    sms_id     uuid NOT NULL REFERENCES inbound_sms (id) ON DELETE CASCADE,
    seq        int NOT NULL,
    topic      text NOT NULL,
    event_key  text NOT NULL,
    payload    bytea NOT NULL,
    PRIMARY KEY (sms_id, seq)
);

-- MMS files fetched from the provider, served to agents under /api/media/{id}.
CREATE TABLE media (
    id            uuid PRIMARY KEY,
    tenant_id     text NOT NULL,
    sms_id        uuid NOT NULL REFERENCES inbound_sms (id) ON DELETE CASCADE,
    content_type  text NOT NULL,
    source_url    text NOT NULL,
    size_bytes    bigint NOT NULL,
    data          bytea NOT NULL
);
CREATE INDEX media_sms ON media (sms_id);

-- Consent per tenant and number: the latest keyword wins. Survives restarts; supervisors list it.
CREATE TABLE consent (
    tenant_id   text NOT NULL,
    number      text NOT NULL,
    opted_out   boolean NOT NULL,
    keyword     text NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, number)
);

-- Texts sent (or refused) per request: agents' replies by their messageId, keyword answers as auto:<sms id>.
CREATE TABLE outbound_sms (
    request_id           text PRIMARY KEY,
    tenant_id            text NOT NULL,
    contact_id           text,
    agent_id             text,
    provider             text,
    provider_message_id  text,
    from_number          text,
    to_number            text,
    body                 text,
    segments             int NOT NULL,
    encoding             text,
    status               text NOT NULL CHECK (status IN ('SENT', 'FAILED')),
    reason               text,
    permanent            boolean NOT NULL DEFAULT false,
    decided_at           timestamptz NOT NULL,
    delivery_status      text,
    delivery_rank        int NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX outbound_sms_provider ON outbound_sms (provider, provider_message_id) WHERE provider_message_id IS NOT NULL;
CREATE INDEX outbound_sms_contact ON outbound_sms (contact_id, decided_at);
