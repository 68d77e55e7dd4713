-- AI Spine schema v16 (PostgreSQL): outbound webhooks. Keep in step with ../sqlite/V16__webhooks.sql,
-- which explains each table.
CREATE TABLE webhooks (
    id              TEXT    NOT NULL PRIMARY KEY,
    workspace_id    TEXT    NOT NULL DEFAULT 'default',
    url             TEXT    NOT NULL,
    event_types     TEXT    NOT NULL,
    description     TEXT,
    enabled         INTEGER NOT NULL,
    disabled_reason TEXT,
    disabled_at     BIGINT,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX webhooks_by_workspace ON webhooks (workspace_id, created_at, id);

CREATE TABLE webhook_patterns (
    workspace_id TEXT NOT NULL,
    webhook_id   TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    pattern      TEXT NOT NULL,
    PRIMARY KEY (workspace_id, webhook_id, pattern)
);

CREATE TABLE webhook_deliveries (
    id              TEXT    NOT NULL PRIMARY KEY,
    webhook_id      TEXT    NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    workspace_id    TEXT    NOT NULL DEFAULT 'default',
    event_pos       BIGINT,
    event_type      TEXT    NOT NULL,
    payload         TEXT,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    retry_from      BIGINT  NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    created_at      BIGINT  NOT NULL,
    last_attempt_at BIGINT,
    response_code   INTEGER,
    latency_ms      BIGINT,
    last_error      TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
    WHERE status = 'pending';
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, created_at, id);

-- The outbox: runs after events_workspace (a BEFORE trigger) has set NEW.workspace_id.
CREATE FUNCTION aispine_event_webhooks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM webhook_patterns WHERE workspace_id = NEW.workspace_id) THEN
        INSERT INTO webhook_deliveries (id, webhook_id, workspace_id, event_pos, event_type, status,
                                        attempts, retry_from, next_attempt_at, created_at)
            SELECT DISTINCT 'msg_' || p.webhook_id || '_' || NEW.pos, p.webhook_id, p.workspace_id,
                   NEW.pos, NEW.type, 'pending', 0, NEW.at, 0, NEW.at
            FROM webhook_patterns p
            WHERE p.workspace_id = NEW.workspace_id AND NEW.type LIKE p.pattern ESCAPE '\'
        ON CONFLICT (id) DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_webhooks AFTER INSERT ON events
    FOR EACH ROW EXECUTE FUNCTION aispine_event_webhooks();
