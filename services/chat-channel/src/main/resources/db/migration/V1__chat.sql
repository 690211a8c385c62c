-- One row per chat conversation (a contact once the customer wrote).
CREATE TABLE conversation (
    contact_id      text PRIMARY KEY,
    tenant_id       text NOT NULL,
    widget_id       text NOT NULL,
    visitor_id      text NOT NULL,
    customer_name   text,
    customer_email  text,
    started_at      timestamptz NOT NULL,
    contact_created boolean NOT NULL DEFAULT false,
    agent_id        text,
    last_seen_at    timestamptz NOT NULL,
    connected       boolean NOT NULL DEFAULT true,
    ended_at        timestamptz,
    end_reason      text
);
CREATE INDEX conversation_waiting ON conversation (last_seen_at)
    WHERE ended_at IS NULL AND agent_id IS NULL AND contact_created AND NOT connected;

-- Every message of a conversation, the customer's (deduplicated by the widget's own id) and the agents'.
CREATE TABLE chat_message (
    id                uuid PRIMARY KEY,
    contact_id        text NOT NULL REFERENCES conversation (contact_id),
    from_customer     boolean NOT NULL,
    client_message_id text,
    agent_id          text,
    text              text NOT NULL,
    sent_at           timestamptz NOT NULL,
    -- a customer message counts as sent once Kafka acknowledged it; a resend publishes only what is not
    published         boolean NOT NULL DEFAULT false,
    UNIQUE (contact_id, client_message_id)
);
CREATE INDEX chat_message_contact ON chat_message (contact_id, sent_at);
