-- AI Spine schema v17 (PostgreSQL): triggers. Keep in step with ../sqlite/V17__triggers.sql.

-- Each trigger of the newest approved version of each flow. A schedule's next fire is kept here
-- so that a restart neither skips nor repeats one; servers sharing a database take the lease
-- before firing (lease_owner, lease_until), and the execution a fire starts is named after its
-- instant, so that a fire started before a crash is not started again.
CREATE TABLE flow_triggers (
    workspace_id      TEXT    NOT NULL DEFAULT 'default',
    flow_id           TEXT    NOT NULL,
    trigger_id        TEXT    NOT NULL,
    kind              TEXT    NOT NULL CHECK (kind IN ('schedule', 'webhook', 'event')),
    flow_version      TEXT    NOT NULL,
    spec              TEXT    NOT NULL,
    next_fire_at      BIGINT,
    paused            INTEGER NOT NULL DEFAULT 0,
    last_execution_id TEXT,
    lease_owner       TEXT,
    lease_until       BIGINT,
    PRIMARY KEY (flow_id, trigger_id)
);
CREATE INDEX flow_triggers_workspace ON flow_triggers (workspace_id);
