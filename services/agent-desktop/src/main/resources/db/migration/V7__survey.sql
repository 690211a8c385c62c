-- The customer's satisfaction rating after the contact (contact.survey.answered): the first one counts.
ALTER TABLE contact ADD COLUMN csat_score integer;
ALTER TABLE contact ADD COLUMN csat_comment text;
ALTER TABLE contact ADD COLUMN csat_at timestamptz;
