-- AI Spine schema v4 (SQLite): approvals, the requests for a human answer that approval nodes wait
-- for. Keep in step with ../postgresql/V4__approvals.sql. Rows are written only with the engine's
-- transitions, in the same transaction as the decision that asks for or ends them.
CREATE TABLE approvals (
    id              TEXT    NOT NULL PRIMARY KEY, -- ap_<ulid>
    execution_id    TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    node_path       TEXT    NOT NULL,
    flow_id         TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    approvers       TEXT    NOT NULL, -- JSON array of roles
    status          TEXT    NOT NULL, -- pending, approved, rejected, expired, cancelled
    comment         TEXT,
    answered_by     TEXT,             -- the answering API key's name, or 'timeout'
    answered_by_key TEXT,             -- the answering API key's id
    created_at      INTEGER NOT NULL,
    expires_at      INTEGER,
    answered_at     INTEGER,
    -- one approval per node instance; asking again (after a retry) replaces the finished one
    UNIQUE (execution_id, node_path)
);
-- The inbox: pending approvals newest first, and every approval of one execution.
CREATE INDEX approvals_by_status_created ON approvals (status, created_at, id);
CREATE INDEX approvals_by_created ON approvals (created_at, id);
