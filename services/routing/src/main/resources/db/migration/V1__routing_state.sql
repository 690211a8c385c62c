-- Routing state, owned by the routing service alone. Every write happens in the transaction that
-- also marks the input event processed and queues the output events in the outbox (ADR 0002).

CREATE TABLE processed_event (
    event_id    uuid PRIMARY KEY,
    domain      text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- Configuration snapshots as received (CloudEvent JSON), replayed into the engine on rebuild.
CREATE TABLE config_snapshot (
    config_key  text PRIMARY KEY,              -- tenant:<id>, queue:<id>, agent:<id>
    domain      text NOT NULL,
    kind        text NOT NULL,                 -- TENANT, QUEUE, AGENT
    tenant_id   text NOT NULL,
    cloud_event bytea NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX config_snapshot_domain ON config_snapshot (domain);

CREATE TABLE agent_state (
    agent_id      text PRIMARY KEY,
    domain        text NOT NULL,
    state         text NOT NULL,
    idle_since    timestamptz NOT NULL,
    wrap_up_ends  timestamptz,
    missed_offers int NOT NULL
);
CREATE INDEX agent_state_domain ON agent_state (domain);

CREATE TABLE contact_state (
    contact_id      text PRIMARY KEY,
    domain          text NOT NULL,
    arrival_seq     bigserial NOT NULL,
    tenant_id       text NOT NULL,
    channel         text NOT NULL,
    queue_id        text NOT NULL,
    priority        int NOT NULL,
    arrived_at      timestamptz NOT NULL,
    preferred_agent text,
    status          text NOT NULL,
    agent_id        text,
    offer_id        text,
    offer_expires   timestamptz,
    attempts        int NOT NULL,
    rejected_by     text[] NOT NULL,
    queued_at       timestamptz NOT NULL
);
CREATE INDEX contact_state_domain ON contact_state (domain, arrived_at, arrival_seq);

-- Decisions to publish, in order. The relay publishes and deletes them.
CREATE TABLE outbox (
    id       bigserial PRIMARY KEY,
    domain   text NOT NULL,
    topic    text NOT NULL,
    msg_key  text NOT NULL,
    payload  bytea NOT NULL,
    headers  text
);
CREATE INDEX outbox_domain ON outbox (domain, id);
