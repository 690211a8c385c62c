-- The social channel's state (schema social). See docs/social-channel.md.

-- One contact on a company account: the customer's messages join it until contact.ended.
CREATE TABLE conversation (
    contact_id      text PRIMARY KEY,
    tenant_id       text NOT NULL,
    account         text NOT NULL,          -- whatsapp:100000000000001, telegram:acme_bank_bot, ...
    customer_id     text NOT NULL,          -- wa_id, PSID, IGSID, Telegram chat id
    customer_name   text,
    opened_at       timestamptz NOT NULL,
    last_inbound_at timestamptz NOT NULL,   -- the platform's own timestamp of the customer's latest message
    ended_at        timestamptz
);
CREATE UNIQUE INDEX conversation_open ON conversation (tenant_id, account, customer_id) WHERE ended_at IS NULL;

-- Every inbound message; unique per platform message id (redeliveries are no-ops).
CREATE TABLE inbound_message (
    id                  uuid PRIMARY KEY,
    platform            text NOT NULL,
    provider_message_id text NOT NULL,
    tenant_id           text NOT NULL,
    contact_id          text NOT NULL REFERENCES conversation (contact_id),
    account             text NOT NULL,
    customer_id         text NOT NULL,
    kind                text NOT NULL,
    text                text,
    sent_at             timestamptz NOT NULL,
    received_at         timestamptz NOT NULL,
    status              text NOT NULL,      -- PENDING until Kafka acknowledged its events, then PUBLISHED
    UNIQUE (platform, provider_message_id)
);
CREATE INDEX inbound_message_pending ON inbound_message (received_at) WHERE status = 'PENDING';

-- The encoded events of a PENDING message, deleted once acknowledged.
CREATE TABLE inbound_event (
    message_id uuid NOT NULL REFERENCES inbound_message (id) ON DELETE CASCADE,
    seq        int NOT NULL,
    topic      text NOT NULL,
    event_key  text NOT NULL,
    payload    bytea NOT NULL,
    PRIMARY KEY (message_id, seq)
);

-- Media fetched from the platforms, served to agents under /api/attachments/{id}.
CREATE TABLE attachment (
    id           uuid PRIMARY KEY,
    tenant_id    text NOT NULL,
    message_id   uuid NOT NULL REFERENCES inbound_message (id),
    filename     text,
    content_type text NOT NULL,
    size_bytes   bigint NOT NULL,
    data         bytea NOT NULL
);

-- The decided outcome of each reply request (idempotent on the reply's message id).
CREATE TABLE outbound_message (
    message_id          text PRIMARY KEY,
    tenant_id           text NOT NULL,
    contact_id          text NOT NULL,
    agent_id            text,
    account             text,
    recipient_id        text,
    provider_message_id text,
    sent                boolean NOT NULL,
    reason              text,
    permanent           boolean NOT NULL,
    template            text,
    text                text,
    decided_at          timestamptz NOT NULL
);
CREATE INDEX outbound_message_provider ON outbound_message (account, provider_message_id);
CREATE INDEX outbound_message_recipient ON outbound_message (account, recipient_id, decided_at);
