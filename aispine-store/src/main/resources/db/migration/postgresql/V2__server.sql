-- AI Spine schema v2 (PostgreSQL): what the server adds. Keep in step with ../sqlite/V2__server.sql.

-- A global, monotonically increasing position per event, for the server-wide SSE stream and its
-- resumption with Last-Event-ID: a column filled from a sequence (one nextval per row, cached by the
-- session) plus a unique index, so ExecutionStore.apply keeps inserting one row per event with no
-- extra statement. Sequence order is commit order because one engine at a time writes a store (its
-- advisory lock) through one committer thread; cluster mode will need a commit-ordered scheme.
-- Existing events get positions in the order they happened.
CREATE SEQUENCE events_pos_seq AS BIGINT;
ALTER TABLE events ADD COLUMN pos BIGINT;
UPDATE events SET pos = ordered.p
    FROM (SELECT execution_id, seq, row_number() OVER (ORDER BY at, execution_id, seq) AS p
          FROM events) AS ordered
    WHERE events.execution_id = ordered.execution_id AND events.seq = ordered.seq;
SELECT setval('events_pos_seq', COALESCE((SELECT MAX(pos) FROM events), 0) + 1, false);
ALTER TABLE events ALTER COLUMN pos SET DEFAULT nextval('events_pos_seq');
ALTER TABLE events ALTER COLUMN pos SET NOT NULL;
ALTER SEQUENCE events_pos_seq OWNED BY events.pos;
CREATE UNIQUE INDEX events_by_pos ON events (pos);

-- API keys: only the SHA-256 of each key is stored, never the key.
CREATE TABLE api_keys (
    id           TEXT   NOT NULL PRIMARY KEY,
    name         TEXT   NOT NULL,
    role         TEXT   NOT NULL, -- admin, operator, viewer
    sha256       TEXT   NOT NULL UNIQUE, -- lower-case hex
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT
);

-- Registered HTTP agents, one row per version. The secret signs calls to the agent; it is stored in
-- plain text for now (encryption at rest is a later step) and never returned by the API.
CREATE TABLE agents (
    name        TEXT   NOT NULL,
    version     TEXT   NOT NULL,
    url         TEXT   NOT NULL,
    description TEXT   NOT NULL,
    secret      TEXT,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (name, version)
);

-- Listing executions newest first by (created_at, id) with filters.
CREATE INDEX executions_by_created_id ON executions (created_at, id);
