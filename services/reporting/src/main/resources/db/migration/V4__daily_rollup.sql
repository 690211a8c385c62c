-- Daily rollup (docs/reporting.md, "How the figures are kept"): the sums of each local day's 15-minute
-- rows in the tenant's time zone, so that days, weeks and months read at most 31 rows per key a month
-- instead of 96 per day. A day's rows are deleted and summed again from its interval rows in the
-- transaction that recomputes those intervals, and all of a tenant's days when its time zone changes:
-- only sums, so a day is exactly the sum of its intervals.

CREATE TABLE day_figures (
    tenant_id             text NOT NULL,
    dimension             text NOT NULL,  -- queue, agent, channel
    day                   date NOT NULL,  -- local day in the tenant's time zone
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
    surveys               bigint NOT NULL,
    csat_satisfied        bigint NOT NULL,
    csat_score_sum        bigint NOT NULL,
    PRIMARY KEY (tenant_id, dimension, day, key)
);

CREATE TABLE agent_day_time (
    tenant_id         text NOT NULL,
    agent_id          text NOT NULL,
    day               date NOT NULL,
    logged_in_ms      bigint NOT NULL,
    available_ms      bigint NOT NULL,
    busy_ms           bigint NOT NULL,
    available_idle_ms bigint NOT NULL,
    PRIMARY KEY (tenant_id, day, agent_id)
);

-- The rows already there, in each tenant's zone (UTC until one is configured, as the reader does).
INSERT INTO day_figures
SELECT f.tenant_id, f.dimension, (f.interval_start AT TIME ZONE coalesce(z.time_zone, 'UTC'))::date, f.key,
       sum(offered), sum(answered), sum(abandoned), sum(short_abandoned), sum(answered_in_threshold), sum(answer_wait_ms),
       sum(handled), sum(talk_ms), sum(hold_ms), sum(wrap_ms), sum(transfers), sum(overflows), sum(fcr_contacts),
       sum(fcr_resolved), sum(surveys), sum(csat_satisfied), sum(csat_score_sum)
FROM interval_figures f LEFT JOIN tenant_config z ON z.tenant_id = f.tenant_id
GROUP BY 1, 2, 3, 4;

INSERT INTO agent_day_time
SELECT g.tenant_id, g.agent_id, (g.interval_start AT TIME ZONE coalesce(z.time_zone, 'UTC'))::date,
       sum(logged_in_ms), sum(available_ms), sum(busy_ms), sum(available_idle_ms)
FROM agent_time g LEFT JOIN tenant_config z ON z.tenant_id = g.tenant_id
GROUP BY 1, 2, 3;
