-- Reporting state, owned by the reporting service alone (docs/reporting.md).
--
-- Facts are merged per contact and per queue leg, field by field, so that any order of arrival gives
-- the same rows; the interval figures are recomputed from the facts of the intervals an event touches,
-- in the transaction that changes the facts.

-- Each input once: the CloudEvent id of every applied event.
CREATE TABLE processed_event (
    event_id     uuid PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

-- One contact's stay in one queue.
CREATE TABLE leg_fact (
    tenant_id      text NOT NULL,
    contact_id     text NOT NULL,
    queue_id       text NOT NULL,
    channel        text,
    queued_at      timestamptz,
    interval_start timestamptz,          -- queued_at's 15-minute interval: where the leg is counted
    assigned_at    timestamptz,
    agent_id       text,
    abandoned_at   timestamptz,
    waited_seconds bigint,
    transferred_at timestamptz,
    transfers      integer NOT NULL DEFAULT 0,
    overflows      integer NOT NULL DEFAULT 0,
    handle_end     timestamptz,          -- when its agent stopped handling it: the transfer out, else the contact's end
    PRIMARY KEY (tenant_id, contact_id, queue_id)
);
CREATE INDEX leg_fact_interval ON leg_fact (tenant_id, interval_start);
-- An agent's busy stretches that reach into a window: by their end (the start is bounded by the window's end).
CREATE INDEX leg_fact_agent ON leg_fact (tenant_id, agent_id, handle_end);
CREATE INDEX leg_fact_queue ON leg_fact (tenant_id, queue_id);

CREATE TABLE contact_fact (
    tenant_id    text NOT NULL,
    contact_id   text NOT NULL,
    channel      text,
    from_key     text,
    created_at   timestamptz,
    ended_at     timestamptz,
    end_reason   text,
    disposition  text,
    talk_seconds bigint,
    hold_seconds bigint,
    customer_key text,                   -- customer360's customer of from_key, else from_key
    PRIMARY KEY (tenant_id, contact_id)
);
CREATE INDEX contact_fact_customer ON contact_fact (tenant_id, customer_key, created_at);
CREATE INDEX contact_fact_from ON contact_fact (tenant_id, from_key);

CREATE TABLE wrap_fact (
    tenant_id    text NOT NULL,
    contact_id   text NOT NULL,
    agent_id     text NOT NULL,
    queue_id     text,
    completed_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, contact_id, agent_id)
);
CREATE INDEX wrap_fact_agent ON wrap_fact (tenant_id, agent_id, completed_at);

-- Each presence change; a state lasts until the agent's next change.
CREATE TABLE agent_state (
    tenant_id text NOT NULL,
    agent_id  text NOT NULL,
    at        timestamptz NOT NULL,
    event_id  uuid NOT NULL,
    state     text NOT NULL,
    PRIMARY KEY (tenant_id, agent_id, at, event_id)
);

-- The latest configuration of each queue and tenant (compacted topic: the latest is the truth).
CREATE TABLE queue_config (
    tenant_id         text NOT NULL,
    queue_id          text NOT NULL,
    threshold_seconds integer NOT NULL,
    occurred_at       timestamptz NOT NULL,
    event_id          uuid NOT NULL,
    PRIMARY KEY (tenant_id, queue_id)
);

CREATE TABLE tenant_config (
    tenant_id   text PRIMARY KEY,
    time_zone   text NOT NULL,
    occurred_at timestamptz NOT NULL,
    event_id    uuid NOT NULL
);

-- customer360's customers, as far as first-contact resolution needs them.
CREATE TABLE customer_identity (
    tenant_id   text NOT NULL,
    address_key text NOT NULL,
    customer_id text NOT NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, address_key)
);

CREATE TABLE customer_merge (
    tenant_id          text NOT NULL,
    merged_customer_id text NOT NULL,
    customer_id        text NOT NULL,
    PRIMARY KEY (tenant_id, merged_customer_id)
);

-- Sums and counts per queue, agent or channel and 15-minute interval (durations in milliseconds).
CREATE TABLE interval_figures (
    tenant_id             text NOT NULL,
    dimension             text NOT NULL,  -- queue, agent, channel
    interval_start        timestamptz NOT NULL,
    key                   text NOT NULL,
    offered               bigint NOT NULL,
    answered              bigint NOT NULL,
    abandoned             bigint NOT NULL,
    short_abandoned       bigint NOT NULL,
    answered_in_threshold bigint NOT NULL,
    answer_wait_ms        bigint NOT NULL,
    handled               bigint NOT NULL,
    talk_ms               bigint NOT NULL,
    hold_ms               bigint NOT NULL,
    wrap_ms               bigint NOT NULL,
    transfers             bigint NOT NULL,
    overflows             bigint NOT NULL,
    fcr_contacts          bigint NOT NULL,
    fcr_resolved          bigint NOT NULL,
    PRIMARY KEY (tenant_id, dimension, interval_start, key)
);
CREATE INDEX interval_figures_interval ON interval_figures (tenant_id, interval_start);

-- Each agent's time per interval (milliseconds), from state segments cut at interval boundaries.
CREATE TABLE agent_time (
    tenant_id         text NOT NULL,
    agent_id          text NOT NULL,
    interval_start    timestamptz NOT NULL,
    logged_in_ms      bigint NOT NULL,
    available_ms      bigint NOT NULL,
    busy_ms           bigint NOT NULL,
    available_idle_ms bigint NOT NULL,
    PRIMARY KEY (tenant_id, interval_start, agent_id)
);
CREATE INDEX agent_time_agent ON agent_time (tenant_id, agent_id, interval_start);
