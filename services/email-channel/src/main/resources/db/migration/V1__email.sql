-- One row per email conversation (a contact). The token is the short number in reply subjects.
CREATE SEQUENCE thread_token_seq START WITH 1001;

CREATE TABLE email_thread (
    contact_id        text PRIMARY KEY,
    tenant_id         text NOT NULL,
    token             bigint NOT NULL UNIQUE DEFAULT nextval('thread_token_seq'),
    mailbox_address   text NOT NULL,
    customer_address  text NOT NULL,
    customer_name     text,
    subject           text NOT NULL,
    created_at        timestamptz NOT NULL
);

-- Every inbound message, with its raw bytes, whether it became events or was held back by the loop guard.
CREATE TABLE inbound_email (
    id               uuid PRIMARY KEY,
    tenant_id        text NOT NULL,
    message_id       text NOT NULL,
    contact_id       text REFERENCES email_thread (contact_id),
    source           text NOT NULL,
    envelope_from    text,
    from_address     text,
    from_name        text,
    mailbox_address  text NOT NULL,
    subject          text NOT NULL,
    text_body        text NOT NULL,
    html_body        text,
    raw              bytea NOT NULL,
    status           text NOT NULL CHECK (status IN ('PENDING', 'PUBLISHED', 'SUPPRESSED')),
    suppressed_reason text,
    received_at      timestamptz NOT NULL,
    UNIQUE (tenant_id, message_id)
);
CREATE INDEX inbound_email_pending ON inbound_email (received_at) WHERE status = 'PENDING';
CREATE INDEX inbound_email_contact ON inbound_email (contact_id, received_at);

-- The events an inbound message becomes, kept until the broker acknowledged them (a retry or the
-- sweeper publishes exactly these again, with the same ids).
CREATE TABLE inbound_event (
    email_id   uuid NOT NULL REFERENCES inbound_email (id) ON DELETE CASCADE,
    seq        int NOT NULL,
    topic      text NOT NULL,
    event_key  text NOT NULL,
    payload    bytea NOT NULL,
    PRIMARY KEY (email_id, seq)
);

CREATE TABLE attachment (
    id            uuid PRIMARY KEY,
    tenant_id     text NOT NULL,
    email_id      uuid NOT NULL REFERENCES inbound_email (id) ON DELETE CASCADE,
    filename      text,
    content_type  text NOT NULL,
    content_id    text,
    inline_part   boolean NOT NULL,
    size_bytes    bigint NOT NULL,
    data          bytea NOT NULL
);
CREATE INDEX attachment_email ON attachment (email_id);

-- Message-IDs of a thread, ours and the customer's: In-Reply-To/References resolve through here.
CREATE TABLE thread_message (
    tenant_id   text NOT NULL,
    message_id  text NOT NULL,
    contact_id  text NOT NULL REFERENCES email_thread (contact_id),
    outbound    boolean NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, message_id)
);
CREATE INDEX thread_message_contact ON thread_message (contact_id, created_at);

-- Replies sent (or refused) per reply request, so a redelivered request is not mailed twice.
CREATE TABLE outbound_email (
    request_id   text PRIMARY KEY,
    tenant_id    text NOT NULL,
    contact_id   text NOT NULL,
    agent_id     text,
    message_id   text,
    recipient    text,
    subject      text,
    text_body    text,
    status       text NOT NULL CHECK (status IN ('SENT', 'FAILED')),
    reason       text,
    permanent    boolean NOT NULL DEFAULT false,
    decided_at   timestamptz NOT NULL
);
CREATE INDEX outbound_email_contact ON outbound_email (contact_id, decided_at);
