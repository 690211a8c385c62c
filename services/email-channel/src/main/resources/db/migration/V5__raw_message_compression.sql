-- A raw message is mostly base64 (its attachments, which are often compressed formats already).
-- PostgreSQL's default compression (pglz) works through all of such a value and then stores it
-- uncompressed anyway: 0.6 ms of CPU for a 50 KB message, three quarters of its insert
-- (docs/benchmarks.md, "Email channel"). lz4 gives up on such data at once and still compresses
-- the text and HTML. A server built without lz4 keeps raw messages uncompressed instead.
-- Attachments keep the default: pglz gives up at once on compressed files and still shrinks text ones.
DO $$
BEGIN
    ALTER TABLE inbound_email ALTER COLUMN raw SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    ALTER TABLE inbound_email ALTER COLUMN raw SET STORAGE EXTERNAL;
END $$;
