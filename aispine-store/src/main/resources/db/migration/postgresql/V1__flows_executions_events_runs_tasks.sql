-- AI Spine schema v1 (PostgreSQL). Keep in step with ../sqlite/V1__flows_executions_events_runs_tasks.sql.
-- Instants are BIGINT microseconds since the epoch (UTC), as in SQLite, so both dialects keep the same
-- precision. JSON values are json, not jsonb: json keeps the text verbatim, so object key order
-- survives a round trip exactly as it does in SQLite (jsonb would reorder keys).
-- Statuses are their enum names (RUNNING, SUCCEEDED …); event types their wire names (node.completed …).

CREATE TABLE flows (
    id         TEXT   NOT NULL,
    version    TEXT   NOT NULL,
    source     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE executions (
    id           TEXT   NOT NULL PRIMARY KEY,
    flow_id      TEXT   NOT NULL,
    flow_version TEXT   NOT NULL,
    status       TEXT   NOT NULL,
    last_seq     BIGINT NOT NULL,
    state        json   NOT NULL, -- the whole execution state
    created_at   BIGINT NOT NULL,
    finished_at  BIGINT,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX executions_by_flow ON executions (flow_id, created_at);
CREATE INDEX executions_by_created ON executions (created_at);
CREATE INDEX executions_by_status ON executions (status);

CREATE TABLE events (
    execution_id TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    seq          BIGINT  NOT NULL,
    type         TEXT    NOT NULL,
    node_path    TEXT,
    attempt      INTEGER NOT NULL,
    at           BIGINT  NOT NULL,
    data         json, -- object, NULL when empty
    PRIMARY KEY (execution_id, seq)
);

CREATE TABLE node_runs (
    execution_id    TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    node_path       TEXT    NOT NULL,
    attempt         INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    agent           TEXT,
    input           json,
    output          json,
    error           json, -- {code, message, retryable}
    usage           json, -- {model, inputTokens, outputTokens, costUsd}
    idempotency_key TEXT    NOT NULL,
    scheduled_at    BIGINT  NOT NULL,
    started_at      BIGINT,
    finished_at     BIGINT,
    PRIMARY KEY (execution_id, node_path, attempt)
);

CREATE TABLE tasks (
    execution_id TEXT   NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    node_path    TEXT   NOT NULL,
    run_at       BIGINT NOT NULL,
    kind         TEXT   NOT NULL, -- 'run' (payload holds the attempt) or 'timer'
    payload      json,            -- the attempt to run, NULL for timers
    lease_owner  TEXT,            -- for cluster mode: the worker that claimed it
    lease_until  BIGINT,
    PRIMARY KEY (execution_id, node_path)
);
CREATE INDEX tasks_by_run_at ON tasks (run_at);
