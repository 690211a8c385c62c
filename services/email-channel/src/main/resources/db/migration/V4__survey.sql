-- The satisfaction survey linked from agents' replies: one unguessable token per email contact
-- (the link in every reply of the thread), answered once.
CREATE TABLE email_survey (
    token        text PRIMARY KEY,
    contact_id   text        NOT NULL UNIQUE,
    tenant_id    text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    answered_at  timestamptz
);
