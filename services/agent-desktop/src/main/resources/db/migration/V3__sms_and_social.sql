-- SMS and social messaging: which platform a social contact is on, and what the provider later
-- reported about each reply (delivered, read, undelivered, ...).

-- WHATSAPP, MESSENGER, INSTAGRAM or TELEGRAM for a SOCIAL contact; null otherwise.
ALTER TABLE contact ADD COLUMN platform text;

-- The furthest delivery status the provider reported (contact.message.status); statuses arrive out of
-- order, so one of a lower rank never replaces a higher one.
ALTER TABLE message ADD COLUMN delivery text;
ALTER TABLE message ADD COLUMN delivery_rank integer NOT NULL DEFAULT 0;
ALTER TABLE message ADD COLUMN delivery_reason text;
