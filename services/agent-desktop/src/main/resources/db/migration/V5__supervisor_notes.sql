-- Supervisors' private notes to the agent holding a conversation (coaching while they watch it).
-- They stay in the desktop: never on a channel's topic, so the customer never sees them.
CREATE TABLE supervisor_note (
    note_id      uuid PRIMARY KEY,
    contact_id   text        NOT NULL,
    tenant_id    text        NOT NULL,
    author_id    text        NOT NULL,
    author_name  text,
    to_agent_id  text,
    text         text        NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX supervisor_note_contact ON supervisor_note (contact_id, created_at);
