-- AI Spine schema v5 (SQLite): agent limits, drains and the calls of an agent. Keep in step with
-- ../postgresql/V5__agent_limits.sql.

-- Per-agent overrides of the server's default rate and concurrency limits; NULL keeps the default.
CREATE TABLE agent_limits (
    name            TEXT    NOT NULL PRIMARY KEY,
    rate_per_minute INTEGER,
    max_concurrency INTEGER,
    updated_at      INTEGER NOT NULL
);

-- Drained agents get no new calls. version '' drains every version of the agent.
CREATE TABLE agent_drains (
    name       TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    drained_at INTEGER NOT NULL,
    PRIMARY KEY (name, version)
);

-- The name of the agent that serves an attempt (the part of its reference before '@'), so that an
-- agent's recent calls and the calls of its last rate window are one index range.
ALTER TABLE node_runs ADD COLUMN agent_name TEXT;
UPDATE node_runs SET agent_name =
    CASE WHEN instr(agent, '@') > 0 THEN substr(agent, 1, instr(agent, '@') - 1) ELSE agent END;
CREATE INDEX node_runs_by_agent ON node_runs (agent_name, started_at);
