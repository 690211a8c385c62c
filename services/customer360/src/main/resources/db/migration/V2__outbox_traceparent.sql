-- The W3C trace context of the input (or request) that caused each event (docs/customer360.md, Traces).
-- The payload's CloudEvent already carries it as the traceparent extension; the relay sends this
-- column as the traceparent Kafka header, also after a crash. Null when the cause had no trace.
ALTER TABLE outbox ADD COLUMN traceparent text;
