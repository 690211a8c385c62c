-- Scheduled reports (docs/reporting.md, "Scheduled reports"): each tenant's schedules, and one delivery row per
-- (schedule, period), which is what makes a report go out once across instances and restarts.

CREATE TABLE report_schedule (
    id             uuid PRIMARY KEY,
    tenant_id      text NOT NULL,
    name           text NOT NULL,
    frequency      text NOT NULL CHECK (frequency IN ('DAILY', 'WEEKLY', 'MONTHLY')),
    weekday        smallint CHECK (weekday BETWEEN 1 AND 7),       -- ISO day of week, weekly schedules only
    send_at        time NOT NULL,                                  -- local time in the tenant's zone
    views          text[] NOT NULL,                                -- QUEUE, AGENT, CHANNEL
    granularity    text NOT NULL,
    format         text NOT NULL CHECK (format IN ('PDF', 'XLSX')),
    recipients     text[] NOT NULL,
    effective_from timestamptz NOT NULL,                           -- created or last changed: earlier periods are not sent
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     text NOT NULL,
    CHECK ((frequency = 'WEEKLY') = (weekday IS NOT NULL))
);

CREATE INDEX report_schedule_tenant ON report_schedule (tenant_id, created_at);

CREATE TABLE report_delivery (
    schedule_id     uuid NOT NULL REFERENCES report_schedule (id) ON DELETE CASCADE,
    period_start    date NOT NULL,
    period_end      date NOT NULL,
    tenant_id       text NOT NULL,
    due_at          timestamptz NOT NULL,
    status          text NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'RETRYING', 'SENT', 'FAILED')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,                                   -- PENDING and RETRYING: when it may be claimed
    claimed_by      text,
    claimed_until   timestamptz,                                   -- SENDING: the claim's end, after which another instance may take it
    last_error      text,
    sent_at         timestamptz,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (schedule_id, period_start)
);

-- What the claim looks for: deliveries waiting to be (re)tried, and claims that ran out.
CREATE INDEX report_delivery_waiting ON report_delivery (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX report_delivery_sending ON report_delivery (claimed_until) WHERE status = 'SENDING';
