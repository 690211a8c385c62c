-- The satisfaction survey texted after an SMS contact ended (once per contact), and its answer: the
-- customer's reply of 1 to 5 within 24 hours, claimed once by the inbound text that carried it.
CREATE TABLE sms_survey (
    contact_id       text PRIMARY KEY,
    tenant_id        text        NOT NULL,
    customer_number  text        NOT NULL,
    entry_number     text        NOT NULL,
    asked_at         timestamptz NOT NULL,
    answered_at      timestamptz,
    answer_sms_id    uuid
);
CREATE INDEX sms_survey_pending ON sms_survey (tenant_id, customer_number, entry_number, asked_at DESC) WHERE answered_at IS NULL;
