-- The agent desktop's read model, built from the platform's topics. Every write is an idempotent
-- upsert keyed by the event's natural id, so a redelivered event changes nothing.

-- One row per contact the inbox knows of. ENDED is terminal: a late routing event never reopens it.
CREATE TABLE contact (
    contact_id        text PRIMARY KEY,
    tenant_id         text        NOT NULL,
    channel           text,
    subject           text,
    customer_kind     text,
    customer_value    text,
    customer_name     text,
    queue_id          text,
    status            text        NOT NULL DEFAULT 'NEW',
    agent_id          text,
    offer_id          text,
    offered_agent_id  text,
    offer_expires_at  timestamptz,
    created_at        timestamptz,
    updated_at        timestamptz NOT NULL,
    -- routing's time of the last routing event applied: an older one arriving late is ignored
    routed_at         timestamptz,
    ended_at          timestamptz,
    end_reason        text,
    disposition       text,
    agent_read_at     timestamptz
);
CREATE INDEX contact_by_agent ON contact (agent_id) WHERE status = 'ASSIGNED';
CREATE INDEX contact_by_offer ON contact (offered_agent_id) WHERE status = 'OFFERED';
CREATE INDEX contact_by_tenant ON contact (tenant_id, status);

CREATE TABLE message (
    message_id  text PRIMARY KEY,
    contact_id  text        NOT NULL,
    tenant_id   text        NOT NULL,
    inbound     boolean     NOT NULL,
    agent_id    text,
    text        text,
    attachments integer     NOT NULL DEFAULT 0,
    sent_at     timestamptz NOT NULL,
    status      text        NOT NULL,
    failure     text
);
CREATE INDEX message_by_contact ON message (contact_id, sent_at);

CREATE TABLE agent (
    agent_id   text PRIMARY KEY,
    name       text,
    tenants    text[]      NOT NULL,
    skills     jsonb       NOT NULL DEFAULT '{}',
    active     boolean     NOT NULL DEFAULT true
);

CREATE TABLE agent_presence (
    agent_id         text PRIMARY KEY,
    state            text        NOT NULL,
    reason           text,
    since            timestamptz NOT NULL,
    wrap_up_ends_at  timestamptz
);

CREATE TABLE queue (
    tenant_id  text NOT NULL,
    queue_id   text NOT NULL,
    name       text NOT NULL,
    PRIMARY KEY (tenant_id, queue_id)
);

CREATE TABLE queue_stats (
    tenant_id             text        NOT NULL,
    queue_id              text        NOT NULL,
    waiting               integer     NOT NULL,
    oldest_wait_seconds   bigint,
    agents_available      integer     NOT NULL,
    offered_today         integer     NOT NULL,
    answered_today        integer     NOT NULL,
    abandoned_today       integer     NOT NULL,
    service_level         double precision,
    reported_at           timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, queue_id)
);
