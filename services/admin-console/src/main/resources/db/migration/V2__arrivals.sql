-- Contacts as routing queued them, for the staffing planner's forecast from observed traffic.
-- One row per contact and queue: a redelivered event changes nothing.
CREATE TABLE arrival (
    tenant_id   text NOT NULL,
    queue_id    text NOT NULL,
    contact_id  text NOT NULL,
    at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, queue_id, contact_id)
);
CREATE INDEX arrival_queue_at ON arrival (tenant_id, queue_id, at);
