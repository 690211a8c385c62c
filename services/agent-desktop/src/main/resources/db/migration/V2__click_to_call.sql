-- Click-to-call: which way a contact went, and the numbers an agent may call customers from.

-- INBOUND (the customer started it) or OUTBOUND (an agent placed it); the customer columns always
-- hold the customer: the caller of an inbound call, the number dialled on an outbound one.
ALTER TABLE contact ADD COLUMN direction text;

-- One row per tenant, from its configuration. An older configuration arriving late is ignored.
CREATE TABLE tenant (
    tenant_id       text PRIMARY KEY,
    name            text        NOT NULL,
    -- ISO 3166 region a number without a country code is read in
    default_region  text,
    -- the tenant's VOICE entry points (DIDs) in configured order: the caller ids of its agents' calls
    voice_numbers   text[]      NOT NULL,
    configured_at   timestamptz NOT NULL
);
