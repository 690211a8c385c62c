-- Wrap-up (after-contact work): what each queue asks of its agents when a contact ends, which
-- contacts an agent still owes a wrap-up, and the wrap-ups they completed.

-- From the queue's configuration: the wrap-up time routing gives, the disposition codes agents choose
-- from ([{code, label}]) and the canned responses they insert into replies ([{title, text}]).
ALTER TABLE queue ADD COLUMN wrap_up_seconds integer NOT NULL DEFAULT 0;
ALTER TABLE queue ADD COLUMN dispositions jsonb NOT NULL DEFAULT '[]';
ALTER TABLE queue ADD COLUMN canned_responses jsonb NOT NULL DEFAULT '[]';
ALTER TABLE queue ADD COLUMN configured_at timestamptz;

-- The agent who held the contact when it ended: they owe its wrap-up. Set once, when an ASSIGNED
-- contact becomes ENDED; contacts that ended before this column existed owe nothing.
ALTER TABLE contact ADD COLUMN wrap_up_agent_id text;
CREATE INDEX contact_wrap_up_due ON contact (wrap_up_agent_id) WHERE wrap_up_agent_id IS NOT NULL;

-- One wrap-up per contact. A row is first a claim (published = false) taken before the event is
-- published; it becomes the record once Kafka acknowledged agent.wrapup.completed (or the event
-- comes back on the agents topic). A claim whose publication failed is removed; one left by a crash
-- is taken over by the next attempt after the publish timeout.
CREATE TABLE wrap_up (
    contact_id         text PRIMARY KEY,
    tenant_id          text        NOT NULL,
    agent_id           text        NOT NULL,
    queue_id           text,
    disposition_code   text,
    disposition_label  text,
    notes              text,
    completed_at       timestamptz NOT NULL,
    published          boolean     NOT NULL DEFAULT false
);
