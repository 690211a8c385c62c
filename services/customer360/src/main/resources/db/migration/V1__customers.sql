-- Customer 360 state, owned by customer360 alone (docs/customer360.md).
--
-- A merge moves nothing: the merged customer points at the survivor (merged_into) and every member
-- of a merged group carries the group's root_id. Identities and timeline lines stay with the
-- customer they first belonged to, so an unmerge restores both customers exactly.

CREATE TABLE customer (
    id           uuid PRIMARY KEY,
    tenant_id    text NOT NULL,
    root_id      uuid NOT NULL,
    merged_into  uuid REFERENCES customer (id),
    display_name text,
    language     text,
    vip          boolean NOT NULL DEFAULT false,
    notes        text,
    created_at   timestamptz NOT NULL,
    erased_at    timestamptz
);
CREATE INDEX customer_root ON customer (root_id);
CREATE INDEX customer_merged_into ON customer (merged_into);

-- One row per identifier per tenant: the unique key is what makes resolution race-free.
CREATE TABLE identity (
    id           uuid PRIMARY KEY,
    tenant_id    text NOT NULL,
    customer_id  uuid NOT NULL REFERENCES customer (id),
    kind         text NOT NULL,               -- EMAIL, PHONE, SOCIAL, CHAT_VISITOR
    platform     text NOT NULL DEFAULT '',    -- the social platform, '' for the other kinds
    value        text NOT NULL,               -- normalised: case-folded email, E.164 phone
    strong       boolean NOT NULL,            -- ever seen as proof (verified email, voice/SMS caller)
    first_seen   timestamptz NOT NULL,
    CONSTRAINT identity_key UNIQUE (tenant_id, kind, platform, value)
);
CREATE INDEX identity_value ON identity (value);
CREATE INDEX identity_customer ON identity (customer_id);

-- Which customer each contact belongs to; routing events name only the contact.
CREATE TABLE contact_link (
    contact_id   text PRIMARY KEY,
    tenant_id    text NOT NULL,
    customer_id  uuid NOT NULL REFERENCES customer (id),
    channel      text NOT NULL
);
CREATE INDEX contact_link_customer ON contact_link (customer_id);

-- The history. customer_id is null while the contact is not linked yet (a routing event that
-- overtook its contact.created on another topic); linking the contact fills it in.
CREATE TABLE timeline_entry (
    id           uuid PRIMARY KEY,             -- the id of the event it came from
    tenant_id    text NOT NULL,
    customer_id  uuid REFERENCES customer (id),
    contact_id   text NOT NULL,
    channel      text,
    kind         text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    text         text,
    details      text NOT NULL DEFAULT '{}'    -- JSON object of strings
);
CREATE INDEX timeline_customer_time ON timeline_entry (customer_id, occurred_at DESC, id DESC);
CREATE INDEX timeline_unlinked ON timeline_entry (contact_id) WHERE customer_id IS NULL;

CREATE TABLE merge_suggestion (
    id                uuid PRIMARY KEY,
    tenant_id         text NOT NULL,
    customer_id       uuid NOT NULL REFERENCES customer (id),
    other_customer_id uuid NOT NULL REFERENCES customer (id),
    evidence          text NOT NULL,           -- JSON: the two identifiers that link them
    contact_id        text NOT NULL,
    created_at        timestamptz NOT NULL,
    status            text NOT NULL             -- OPEN, ACCEPTED, DISMISSED
);
CREATE UNIQUE INDEX merge_suggestion_open_pair ON merge_suggestion (
    tenant_id, LEAST(customer_id, other_customer_id), GREATEST(customer_id, other_customer_id)) WHERE status = 'OPEN';

-- Who did what to which customer. Erasure empties details and reason, never the fact.
CREATE TABLE audit_entry (
    id                uuid PRIMARY KEY,
    tenant_id         text NOT NULL,
    customer_id       uuid NOT NULL,
    other_customer_id uuid,
    action            text NOT NULL,            -- AUTO_MERGE, MERGE, UNMERGE, EDIT, ERASE
    actor             text NOT NULL,
    reason            text,
    at                timestamptz NOT NULL,
    details           text NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_customer ON audit_entry (customer_id);
CREATE INDEX audit_other_customer ON audit_entry (other_customer_id);

CREATE TABLE tenant_setting (
    tenant_id      text PRIMARY KEY,
    default_region text
);

-- Input event ids already applied: a replayed or redelivered event changes nothing.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Events written in the same transaction as the state they describe; the relay publishes and deletes them.
CREATE TABLE outbox (
    seq          bigserial PRIMARY KEY,
    id           uuid NOT NULL UNIQUE,
    topic        text NOT NULL,
    record_key   text NOT NULL,
    payload      bytea NOT NULL
);
