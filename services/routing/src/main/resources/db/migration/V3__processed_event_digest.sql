-- What each input said, so an event id taken again for other content is refused, not skipped as a
-- redelivery. SHA-256 of the event's data in canonical JSON; null for inputs processed before this.
ALTER TABLE processed_event ADD COLUMN digest bytea;
