-- What the agent sees beside the thread (ContactDetails): a campaign call's record, a fax's document id.
ALTER TABLE contact ADD COLUMN details jsonb;
