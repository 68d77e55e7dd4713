-- AI Spine schema v5 (PostgreSQL): agent limits, drains and the calls of an agent. Keep in step with
-- ../sqlite/V5__agent_limits.sql.

-- Per-agent overrides of the server's default rate and concurrency limits; NULL keeps the default.
CREATE TABLE agent_limits (
    name            TEXT    NOT NULL PRIMARY KEY,
    rate_per_minute INTEGER,
    max_concurrency INTEGER,
    updated_at      BIGINT  NOT NULL
);

-- Drained agents get no new calls. version '' drains every version of the agent.
CREATE TABLE agent_drains (
    name       TEXT   NOT NULL,
    version    TEXT   NOT NULL,
    drained_at BIGINT NOT NULL,
    PRIMARY KEY (name, version)
);

-- The name of the agent that serves an attempt (the part of its reference before '@'), so that an
-- agent's recent calls and the calls of its last rate window are one index range.
ALTER TABLE node_runs ADD COLUMN agent_name TEXT;
UPDATE node_runs SET agent_name = split_part(agent, '@', 1);
CREATE INDEX node_runs_by_agent ON node_runs (agent_name, started_at);
