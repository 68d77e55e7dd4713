-- AI Spine schema v14 (postgresql): model providers, the model calls with their tokens and cost, and the
-- budgets those costs count against. Keep in step with ../sqlite/V14__llm.sql.

-- A model provider of a workspace. The API key is write-only: the API never returns it (it moves to
-- the secrets store once that lands). timeout_ms bounds one call; is_default marks the provider a
-- node uses when it names none (at most one per workspace, kept so by the code that sets it).
CREATE TABLE model_providers (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    name          TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    base_url      TEXT    NOT NULL,
    default_model TEXT,
    api_key       TEXT,
    timeout_ms    BIGINT  NOT NULL,
    is_default    INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    PRIMARY KEY (workspace_id, name)
);

-- One model call: who made it (execution, node, agent, flow), the model, its tokens and its cost.
-- day (2026-12-07) and week (2026-W49, ISO) are written with the call, so grouping by them is the
-- same plain GROUP BY on every database.
CREATE TABLE model_calls (
    id                BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id      TEXT    NOT NULL DEFAULT 'default',
    execution_id      TEXT,
    node_path         TEXT,
    agent             TEXT,
    flow_id           TEXT,
    provider          TEXT,
    model             TEXT    NOT NULL,
    prompt_tokens     BIGINT  NOT NULL,
    completion_tokens BIGINT  NOT NULL,
    cost_usd          DOUBLE PRECISION    NOT NULL,
    called_at         BIGINT  NOT NULL,
    day               TEXT    NOT NULL,
    week              TEXT    NOT NULL
);
CREATE INDEX model_calls_by_time ON model_calls (workspace_id, called_at);
CREATE INDEX model_calls_by_flow ON model_calls (workspace_id, flow_id, called_at);
CREATE INDEX model_calls_by_execution ON model_calls (execution_id);

-- A spending limit of a workspace (flow_id '') or of one flow, per day or per month (UTC).
-- policy 'fail' fails a call that would cross it with BUDGET_EXCEEDED; 'hold' makes it retryable.
CREATE TABLE model_budgets (
    workspace_id TEXT    NOT NULL DEFAULT 'default',
    flow_id      TEXT    NOT NULL,
    period       TEXT    NOT NULL,
    limit_usd    DOUBLE PRECISION    NOT NULL,
    policy       TEXT    NOT NULL,
    updated_at   BIGINT  NOT NULL,
    PRIMARY KEY (workspace_id, flow_id, period)
);
