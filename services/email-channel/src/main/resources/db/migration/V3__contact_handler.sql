-- Who routing offered or assigned each contact to (contact.offered / contact.assigned on
-- switchboard.routing.v1), now or before: an agent reads only these contacts' mail.
-- No foreign key to email_thread: the routing topic is read apart from ingest.
CREATE TABLE contact_handler (
    contact_id text NOT NULL,
    agent_id   text NOT NULL,
    tenant_id  text NOT NULL,
    first_at   timestamptz NOT NULL,
    PRIMARY KEY (contact_id, agent_id)
);

