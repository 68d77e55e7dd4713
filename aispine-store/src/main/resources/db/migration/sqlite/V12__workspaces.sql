-- AI Spine schema v12 (SQLite): workspaces, plans and keys per workspace. Keep in step with
-- ../postgresql/V12__workspaces.sql.

-- A workspace holds one team's or customer's flows, executions, agents, approvals, secrets and keys.
-- plan is unlimited (the default workspace of a fresh server), free, startup or scale; a quota
-- column left NULL takes the plan's value, a number overrides it (-1: unlimited).
CREATE TABLE workspaces (
    id                   TEXT    NOT NULL PRIMARY KEY,
    name                 TEXT    NOT NULL,
    plan                 TEXT    NOT NULL,
    api_calls_per_minute INTEGER,
    executions_per_month INTEGER,
    executions_running   INTEGER,
    private_agents       INTEGER,
    created_at           INTEGER NOT NULL
);
INSERT INTO workspaces (id, name, plan, created_at)
    VALUES ('default', 'default', 'unlimited',
            CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER));

-- Everything that existed before belongs to the default workspace.
ALTER TABLE flows ADD COLUMN workspace_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE executions ADD COLUMN workspace_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE events ADD COLUMN workspace_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE approvals ADD COLUMN workspace_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE agents ADD COLUMN workspace_id TEXT NOT NULL DEFAULT 'default';
ALTER TABLE api_keys ADD COLUMN workspace_id TEXT NOT NULL DEFAULT 'default';

-- Keys: the first characters of the key text (shown in lists so that a person can tell keys
-- apart), an optional expiry and the time the key was revoked.
ALTER TABLE api_keys ADD COLUMN prefix TEXT;
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
ALTER TABLE api_keys ADD COLUMN revoked_at INTEGER;
-- Until now the only admin key was the bootstrap key: it becomes the server's owner.
UPDATE api_keys SET role = 'owner' WHERE role = 'admin';

CREATE INDEX flows_by_workspace ON flows (workspace_id, id);
CREATE INDEX executions_by_workspace_created ON executions (workspace_id, created_at, id);
CREATE INDEX executions_by_workspace_status ON executions (workspace_id, status);
CREATE INDEX approvals_by_workspace_created ON approvals (workspace_id, created_at, id);
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id, created_at);

-- An execution belongs to its flow's workspace, its events and approvals to the execution's. The
-- engine knows nothing of workspaces, so the store derives them in the inserting transaction; the
-- WHEN clause keeps the default workspace (a local install) free of the extra update.
CREATE TRIGGER executions_workspace AFTER INSERT ON executions
    WHEN (SELECT workspace_id FROM flows
          WHERE id = NEW.flow_id AND version = NEW.flow_version) <> 'default'
BEGIN
    UPDATE executions SET workspace_id =
        (SELECT workspace_id FROM flows WHERE id = NEW.flow_id AND version = NEW.flow_version)
        WHERE id = NEW.id;
END;
CREATE TRIGGER events_workspace AFTER INSERT ON events
    WHEN (SELECT workspace_id FROM executions WHERE id = NEW.execution_id) <> 'default'
BEGIN
    UPDATE events SET workspace_id =
        (SELECT workspace_id FROM executions WHERE id = NEW.execution_id)
        WHERE pos = NEW.pos;
END;
CREATE TRIGGER approvals_workspace AFTER INSERT ON approvals
    WHEN (SELECT workspace_id FROM executions WHERE id = NEW.execution_id) <> 'default'
BEGIN
    UPDATE approvals SET workspace_id =
        (SELECT workspace_id FROM executions WHERE id = NEW.execution_id)
        WHERE id = NEW.id;
END;
