-- AI Spine schema v16 (SQLite): outbound webhooks. Keep in step with ../postgresql/V16__webhooks.sql.

-- A subscription of a workspace: where to POST the events whose types match its patterns. Its
-- signing secret is in the secrets store (reserved name webhook-signing:ID), never here.
CREATE TABLE webhooks (
    id              TEXT    NOT NULL PRIMARY KEY,
    workspace_id    TEXT    NOT NULL DEFAULT 'default',
    url             TEXT    NOT NULL,
    event_types     TEXT    NOT NULL, -- JSON array of the glob patterns as given (node.*)
    description     TEXT,
    enabled         INTEGER NOT NULL,
    disabled_reason TEXT,
    disabled_at     INTEGER,
    created_at      INTEGER NOT NULL
);
CREATE INDEX webhooks_by_workspace ON webhooks (workspace_id, created_at, id);

-- The patterns of the enabled subscriptions as SQL LIKE patterns (escape '\'): what the outbox
-- trigger below matches an event's type against. A disabled subscription has no rows here, so it
-- queues nothing and a server without subscriptions pays one probe of an empty table per event.
CREATE TABLE webhook_patterns (
    workspace_id TEXT NOT NULL,
    webhook_id   TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    pattern      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, webhook_id, pattern)
) WITHOUT ROWID;

-- The outbox and delivery log in one: a row per (subscription, event), written by the trigger in
-- the very transaction that commits the event, so a crash can lose an event only together with
-- its delivery. The id is the webhook-id header: stable across retries, so receivers dedupe by it.
-- A test delivery has no event but its own payload.
CREATE TABLE webhook_deliveries (
    id              TEXT    NOT NULL PRIMARY KEY,
    webhook_id      TEXT    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    workspace_id    TEXT    NOT NULL DEFAULT 'default',
    event_pos       INTEGER,
    event_type      TEXT    NOT NULL,
    payload         TEXT,             -- JSON, test deliveries only
    status          TEXT    NOT NULL, -- pending, delivered, failed
    attempts        INTEGER NOT NULL,
    retry_from      INTEGER NOT NULL, -- retries give up 24 h after this
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    last_attempt_at INTEGER,
    response_code   INTEGER,
    latency_ms      INTEGER,
    last_error      TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at, id);

CREATE TRIGGER events_webhooks AFTER INSERT ON events
    WHEN EXISTS (SELECT 1 FROM webhook_patterns)
BEGIN
    INSERT OR IGNORE INTO webhook_deliveries (id, webhook_id, workspace_id, event_pos, event_type,
                                              status, attempts, retry_from, next_attempt_at,
                                              created_at)
        SELECT DISTINCT 'msg_' || p.webhook_id || '_' || NEW.pos, p.webhook_id, p.workspace_id,
               NEW.pos, NEW.type, 'pending', 0, NEW.at, 0, NEW.at
        FROM webhook_patterns p
        WHERE p.workspace_id =
                  (SELECT workspace_id FROM executions WHERE id = NEW.execution_id)
          AND NEW.type LIKE p.pattern ESCAPE '\';
END;
