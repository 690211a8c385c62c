-- The campaign service's state (docs/campaigns.md, "State"). Times are UTC; "days" are the tenant's local dates.

CREATE TABLE campaign (
    id                    uuid PRIMARY KEY,
    tenant_id             text NOT NULL,
    name                  text NOT NULL,
    queue_id              text NOT NULL,
    caller_id             text NOT NULL,
    kind                  text NOT NULL,
    mode                  text NOT NULL,
    window_from           time NOT NULL,
    window_until          time NOT NULL,
    window_days           text NOT NULL,
    retries               text NOT NULL,
    max_attempts_per_day  int NOT NULL,
    abandon_cap_percent   double precision NOT NULL,
    ring_seconds          int NOT NULL,
    abandon_grace_seconds int NOT NULL,
    script                text NOT NULL,
    survey_prompts        text NOT NULL,
    survey_lines          int NOT NULL,
    list_columns          text NOT NULL DEFAULT '',
    state                 text NOT NULL,
    created_by            text NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    -- The instance that dials the campaign, until when (taken with FOR UPDATE SKIP LOCKED).
    lease_owner           text,
    lease_until           timestamptz
);
CREATE INDEX campaign_by_tenant ON campaign (tenant_id, created_at DESC);
CREATE INDEX campaign_running ON campaign (id) WHERE state = 'RUNNING';

CREATE TABLE campaign_record (
    id              uuid PRIMARY KEY,
    campaign_id     uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    tenant_id       text NOT NULL,
    seq             bigint NOT NULL,
    phone           text NOT NULL,
    fields          text NOT NULL,
    attempts        int NOT NULL DEFAULT 0,
    attempts_today  int NOT NULL DEFAULT 0,
    attempt_day     date,
    next_due_at     timestamptz NOT NULL,
    in_flight       boolean NOT NULL DEFAULT false,
    done            boolean NOT NULL DEFAULT false,
    last_result     text,
    disposition     text,
    notes           text,
    promise_amount  numeric(14, 2),
    promise_date    date,
    survey_answers  text,
    reserved_by     text,
    reserved_until  timestamptz,
    UNIQUE (campaign_id, phone)
);
CREATE INDEX record_due ON campaign_record (campaign_id, next_due_at, seq) WHERE NOT done AND NOT in_flight;
CREATE INDEX record_by_number ON campaign_record (tenant_id, phone);
CREATE INDEX record_in_order ON campaign_record (campaign_id, seq);

-- One dialling attempt; contact_id is the call's contact id (the gateway's and routing's key).
CREATE TABLE attempt (
    contact_id     text PRIMARY KEY,
    campaign_id    uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
    record_id      uuid NOT NULL REFERENCES campaign_record (id) ON DELETE CASCADE,
    attempt        int NOT NULL,
    agent_id       text,
    requested_at   timestamptz NOT NULL,
    result         text,
    detail         text,
    answered_at    timestamptz,
    completed_at   timestamptz,
    assigned_at    timestamptz,
    assigned_agent text,
    ended_at       timestamptz,
    talk_seconds   bigint,
    hold_seconds   bigint,
    wrapped_at     timestamptz,
    handle_seconds double precision,
    disposition    text
);
CREATE INDEX attempt_in_flight ON attempt (campaign_id, requested_at) WHERE result IS NULL;
CREATE INDEX attempt_completed ON attempt (campaign_id, completed_at);
CREATE INDEX attempt_on_a_call ON attempt (campaign_id) WHERE assigned_at IS NOT NULL AND ended_at IS NULL;
CREATE INDEX attempt_handled ON attempt (campaign_id, wrapped_at) WHERE handle_seconds IS NOT NULL;

CREATE TABLE do_not_call (
    tenant_id text NOT NULL,
    number    text NOT NULL,
    added_by  text NOT NULL,
    added_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, number)
);

-- The consent topic's latest word per address, kept apart for do-not-call entries and every other source
-- (SMS STOP/START), so that removing a do-not-call entry never clears an SMS opt-out.
CREATE TABLE consent (
    tenant_id   text NOT NULL,
    address     text NOT NULL,
    source_kind text NOT NULL,
    opted_out   boolean NOT NULL,
    source      text NOT NULL,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, address, source_kind)
);

-- Routing's latest queue figures (free agents), for pacing.
CREATE TABLE queue_figures (
    tenant_id        text NOT NULL,
    queue_id         text NOT NULL,
    agents_available int NOT NULL,
    reported_at      timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, queue_id)
);

-- Events written in the transaction that decided them, published by the relay, deleted once acknowledged.
CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    topic      text NOT NULL,
    event_key  text NOT NULL,
    payload    bytea NOT NULL
);
