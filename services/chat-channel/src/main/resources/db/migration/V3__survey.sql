-- The customer's satisfaction rating after the chat ended: set once (a claim taken before
-- contact.survey.answered is published, given up when the publication fails).
ALTER TABLE conversation ADD COLUMN rated_at timestamptz;
