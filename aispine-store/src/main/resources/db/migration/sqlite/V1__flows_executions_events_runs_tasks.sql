-- AI Spine schema v1 (SQLite). Keep in step with ../postgresql/V1__flows_executions_events_runs_tasks.sql.
-- Instants are INTEGER microseconds since the epoch (UTC); JSON values are TEXT;
-- statuses are their enum names (RUNNING, SUCCEEDED …); event types their wire names (node.completed …).

CREATE TABLE flows (
    id         TEXT    NOT NULL,
    version    TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE executions (
    id           TEXT    NOT NULL PRIMARY KEY,
    flow_id      TEXT    NOT NULL,
    flow_version TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    last_seq     INTEGER NOT NULL,
    state        TEXT    NOT NULL, -- the whole execution state as JSON
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX executions_by_flow ON executions (flow_id, created_at);
CREATE INDEX executions_by_created ON executions (created_at);
CREATE INDEX executions_by_status ON executions (status);

CREATE TABLE events (
    execution_id TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    type         TEXT    NOT NULL,
    node_path    TEXT,
    attempt      INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    data         TEXT, -- JSON object, NULL when empty
    PRIMARY KEY (execution_id, seq)
);

CREATE TABLE node_runs (
    execution_id    TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    node_path       TEXT    NOT NULL,
    attempt         INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    agent           TEXT,
    input           TEXT, -- JSON
    output          TEXT, -- JSON
    error           TEXT, -- JSON {code, message, retryable}
    usage           TEXT, -- JSON {model, inputTokens, outputTokens, costUsd}
    idempotency_key TEXT    NOT NULL,
    scheduled_at    INTEGER NOT NULL,
    started_at      INTEGER,
    finished_at     INTEGER,
    PRIMARY KEY (execution_id, node_path, attempt)
);

CREATE TABLE tasks (
    execution_id TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    node_path    TEXT    NOT NULL,
    run_at       INTEGER NOT NULL,
    kind         TEXT    NOT NULL, -- 'run' (payload holds the attempt) or 'timer'
    payload      TEXT,             -- JSON of the attempt to run, NULL for timers
    lease_owner  TEXT,             -- for cluster mode: the worker that claimed it
    lease_until  INTEGER,
    PRIMARY KEY (execution_id, node_path)
);
CREATE INDEX tasks_by_run_at ON tasks (run_at);
