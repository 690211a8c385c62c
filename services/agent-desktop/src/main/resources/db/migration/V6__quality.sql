-- Quality monitoring: how each queue's finished contacts are sampled, each tenant's scorecard, and the
-- evaluation list with its results.
CREATE TABLE qa_policy (
    tenant_id               text          NOT NULL,
    queue_id                text          NOT NULL,
    share                   numeric(5, 4) NOT NULL,
    minimum_per_agent_week  integer       NOT NULL,
    PRIMARY KEY (tenant_id, queue_id)
);

-- criteria: [{id, label, weight, maxScore}]
CREATE TABLE qa_scorecard (
    tenant_id  text PRIMARY KEY,
    name       text  NOT NULL,
    criteria   jsonb NOT NULL
);

-- One per sampled contact (its id is derived from the contact's, so a redelivered event adds nothing).
-- scorecard: the one it was scored against; scores {criterionId: n}; comments {criterionId: text}.
CREATE TABLE qa_evaluation (
    evaluation_id  uuid PRIMARY KEY,
    contact_id     text        NOT NULL UNIQUE,
    tenant_id      text        NOT NULL,
    queue_id       text,
    agent_id       text        NOT NULL,
    channel        text,
    reason         text        NOT NULL,
    ended_at       timestamptz NOT NULL,
    status         text        NOT NULL DEFAULT 'PENDING',
    evaluator_id   text,
    scorecard      jsonb,
    scores         jsonb,
    comments       jsonb,
    comment        text,
    total_percent  numeric(5, 1),
    completed_at   timestamptz
);
CREATE INDEX qa_evaluation_agent_week ON qa_evaluation (tenant_id, agent_id, ended_at);
CREATE INDEX qa_evaluation_list ON qa_evaluation (tenant_id, status, ended_at DESC);
