-- AI Spine schema v2 (SQLite): what the server adds. Keep in step with ../postgresql/V2__server.sql.

-- A global, monotonically increasing position per event, for the server-wide SSE stream and its
-- resumption with Last-Event-ID. The events table is rebuilt with `pos` as its INTEGER PRIMARY KEY:
-- v1's composite primary key already made SQLite keep a rowid B-tree plus a unique index on
-- (execution_id, seq), and that is exactly the structure below, so an insert costs the same as before
-- (plus one sqlite_sequence update per statement for AUTOINCREMENT, which guarantees that a position
-- is never reused even if the newest events were ever deleted). One writer at a time means positions
-- become visible in commit order.
CREATE TABLE events_v2 (
    pos          INTEGER PRIMARY KEY AUTOINCREMENT,
    execution_id TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    type         TEXT    NOT NULL,
    node_path    TEXT,
    attempt      INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    data         TEXT, -- JSON object, NULL when empty
    UNIQUE (execution_id, seq)
);
INSERT INTO events_v2 (execution_id, seq, type, node_path, attempt, at, data)
    SELECT execution_id, seq, type, node_path, attempt, at, data FROM events
    ORDER BY at, execution_id, seq;
DROP TABLE events;
ALTER TABLE events_v2 RENAME TO events;

-- API keys: only the SHA-256 of each key is stored, never the key.
CREATE TABLE api_keys (
    id           TEXT    NOT NULL PRIMARY KEY,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL, -- admin, operator, viewer
    sha256       TEXT    NOT NULL UNIQUE, -- lower-case hex
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER
);

-- Registered HTTP agents, one row per version. The secret signs calls to the agent; it is stored in
-- plain text for now (encryption at rest is a later step) and never returned by the API.
CREATE TABLE agents (
    name        TEXT    NOT NULL,
    version     TEXT    NOT NULL,
    url         TEXT    NOT NULL,
    description TEXT    NOT NULL,
    secret      TEXT,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (name, version)
);

-- Listing executions newest first by (created_at, id) with filters.
CREATE INDEX executions_by_created_id ON executions (created_at, id);
