-- The admin console's own schema: what admins configure, the audit log, the agents' snapshots as
-- last published, and the transactional outbox of configuration events.

CREATE TABLE tenant (
    tenant_id   text PRIMARY KEY,
    settings    jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE skill (
    tenant_id   text NOT NULL REFERENCES tenant (tenant_id),
    skill_id    text NOT NULL,
    settings    jsonb NOT NULL,
    PRIMARY KEY (tenant_id, skill_id)
);

CREATE TABLE queue (
    tenant_id   text NOT NULL REFERENCES tenant (tenant_id),
    queue_id    text NOT NULL,
    settings    jsonb NOT NULL,
    deleted     boolean NOT NULL DEFAULT false,
    PRIMARY KEY (tenant_id, queue_id)
);

-- An address belongs to one entry point only, across all tenants.
CREATE TABLE entry_point (
    channel     text NOT NULL,
    address     text NOT NULL,
    tenant_id   text NOT NULL REFERENCES tenant (tenant_id),
    queue_id    text NOT NULL,
    PRIMARY KEY (channel, address)
);
CREATE INDEX entry_point_tenant ON entry_point (tenant_id);

CREATE TABLE published_agent (
    agent_id    text PRIMARY KEY,
    snapshot    jsonb NOT NULL
);

CREATE TABLE audit (
    id          bigserial PRIMARY KEY,
    tenant_id   text NOT NULL,
    actor       text NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    action      text NOT NULL,
    entity_type text NOT NULL,
    entity_id   text NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_tenant ON audit (tenant_id, id DESC);

CREATE TABLE outbox (
    id          bigserial PRIMARY KEY,
    topic       text NOT NULL,
    record_key  text NOT NULL,
    payload     bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
