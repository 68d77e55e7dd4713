-- AI Spine schema v8 (SQLite): fewer pages written per step. PostgreSQL needs no counterpart (its
-- tables are heaps with separate indexes either way, and an update that leaves the indexed columns
-- unchanged touches no index there).
--
-- A table with a composite primary key is, in SQLite, a rowid B-tree plus a unique index on that
-- key, so every insert and every delete writes (at least) two pages where one would do. node_runs
-- and tasks are only ever looked up by their key (or by their other indexes) and nothing refers to
-- their rowid, so they become WITHOUT ROWID tables: the key's B-tree holds the row. Each step of a
-- flow inserts an attempt record and a task and deletes the previous task, so this saves two WAL
-- pages per step. (events keeps its rowid: `pos` is the global stream's cursor.)
CREATE TABLE node_runs_v8 (
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
    agent_name      TEXT,
    PRIMARY KEY (execution_id, node_path, attempt)
) WITHOUT ROWID;
INSERT INTO node_runs_v8 (execution_id, node_path, attempt, status, agent, input, output, error,
                          usage, idempotency_key, scheduled_at, started_at, finished_at, agent_name)
    SELECT execution_id, node_path, attempt, status, agent, input, output, error,
           usage, idempotency_key, scheduled_at, started_at, finished_at, agent_name
    FROM node_runs;
DROP TABLE node_runs;
ALTER TABLE node_runs_v8 RENAME TO node_runs;
CREATE INDEX node_runs_by_agent ON node_runs (agent_name, started_at);

CREATE TABLE tasks_v8 (
    execution_id TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    node_path    TEXT    NOT NULL,
    run_at       INTEGER NOT NULL,
    kind         TEXT    NOT NULL, -- 'run' (payload holds the attempt) or 'timer'
    payload      TEXT,             -- JSON of the attempt to run, NULL for timers
    lease_owner  TEXT,             -- for cluster mode: the worker that claimed it
    lease_until  INTEGER,
    PRIMARY KEY (execution_id, node_path)
) WITHOUT ROWID;
INSERT INTO tasks_v8 (execution_id, node_path, run_at, kind, payload, lease_owner, lease_until)
    SELECT execution_id, node_path, run_at, kind, payload, lease_owner, lease_until FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_v8 RENAME TO tasks;
CREATE INDEX tasks_by_run_at ON tasks (run_at);
