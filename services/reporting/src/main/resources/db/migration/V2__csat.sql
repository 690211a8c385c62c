-- Customer satisfaction (CSAT): the first survey answer of each contact, and its sums per row
-- (docs/reporting.md). Rows written before this migration had no survey to count: zero is right for them.

ALTER TABLE contact_fact
    ADD COLUMN survey_score smallint,    -- 1..5, the first answer by time (lower score on a tie)
    ADD COLUMN survey_at    timestamptz;

ALTER TABLE interval_figures
    ADD COLUMN surveys        bigint NOT NULL DEFAULT 0,  -- answers of contacts the row's legs ended
    ADD COLUMN csat_satisfied bigint NOT NULL DEFAULT 0,  -- of those, scores of 4 or 5
    ADD COLUMN csat_score_sum bigint NOT NULL DEFAULT 0;
