-- An agent's busy stretches that reach into a window, found with both ends bounded (docs/reporting.md,
-- "Speed"). A leg keeps its agent busy from its assignment to its end, then, for the leg that ended the
-- contact, through the wrap-up: busy_end is the later of handle_end and that agent's wrap-up completion.
-- A stretch reaches into [f, e) when busy_end >= f and assigned_at < e; both are in the index, so the
-- agent's later legs are passed over in the index instead of being read from the table (the index by
-- handle_end alone, and the wrap-ups' by completion, read every later leg of the agent and its wrap-up).

ALTER TABLE leg_fact ADD COLUMN busy_end timestamptz;

UPDATE leg_fact l SET busy_end = greatest(l.handle_end, (SELECT w.completed_at FROM wrap_fact w
    WHERE w.tenant_id = l.tenant_id AND w.contact_id = l.contact_id AND w.agent_id = l.agent_id))
WHERE l.agent_id IS NOT NULL;

CREATE INDEX leg_fact_agent_busy ON leg_fact (tenant_id, agent_id, busy_end, assigned_at);
DROP INDEX leg_fact_agent;
DROP INDEX wrap_fact_agent;
