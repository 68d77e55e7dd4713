-- AI Spine schema v12 (PostgreSQL): workspaces, plans and keys per workspace. Keep in step with
-- ../sqlite/V12__workspaces.sql.

-- A workspace holds one team's or customer's flows, executions, agents, approvals, secrets and keys.
-- plan is unlimited (the default workspace of a fresh server), free, startup or scale; a quota
-- column left NULL takes the plan's value, a number overrides it (-1: unlimited).
CREATE TABLE workspaces (
    id                   TEXT   NOT NULL PRIMARY KEY,
    name                 TEXT   NOT NULL,
    plan                 TEXT   NOT NULL,
    api_calls_per_minute BIGINT,
    executions_per_month BIGINT,
    executions_running   BIGINT,
    private_agents       BIGINT,
    created_at           BIGINT NOT NULL
);
INSERT INTO workspaces (id, name, plan, created_at)
    VALUES ('default', 'default', 'unlimited', (EXTRACT(EPOCH FROM now()) * 1000000)::BIGINT);

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
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT;
ALTER TABLE api_keys ADD COLUMN revoked_at BIGINT;
-- Until now the only admin key was the bootstrap key: it becomes the server's owner.
UPDATE api_keys SET role = 'owner' WHERE role = 'admin';

CREATE INDEX flows_by_workspace ON flows (workspace_id, id);
CREATE INDEX executions_by_workspace_created ON executions (workspace_id, created_at, id);
CREATE INDEX executions_by_workspace_status ON executions (workspace_id, status);
CREATE INDEX approvals_by_workspace_created ON approvals (workspace_id, created_at, id);
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id, created_at);

-- An execution belongs to its flow's workspace, its events and approvals to the execution's. The
-- engine knows nothing of workspaces, so the store derives them in the inserting transaction.
CREATE FUNCTION aispine_execution_workspace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.workspace_id := COALESCE(
        (SELECT workspace_id FROM flows WHERE id = NEW.flow_id AND version = NEW.flow_version),
        'default');
    RETURN NEW;
END
$$;
CREATE FUNCTION aispine_child_workspace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.workspace_id := COALESCE(
        (SELECT workspace_id FROM executions WHERE id = NEW.execution_id), 'default');
    RETURN NEW;
END
$$;
CREATE TRIGGER executions_workspace BEFORE INSERT ON executions
    FOR EACH ROW EXECUTE FUNCTION aispine_execution_workspace();
CREATE TRIGGER events_workspace BEFORE INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION aispine_child_workspace();
CREATE TRIGGER approvals_workspace BEFORE INSERT ON approvals
    FOR EACH ROW EXECUTE FUNCTION aispine_child_workspace();
