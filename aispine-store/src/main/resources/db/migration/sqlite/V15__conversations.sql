-- AI Spine schema v15 (sqlite): messaging channels (WhatsApp). Keep in step with
-- ../postgresql/V15__conversations.sql.

-- Every inbound channel message, once: the primary key is the channel's own message id, so a
-- redelivery inserts nothing. route is written before processing acts (start:ex_… or answer:ap_…),
-- processed_at after; rows without processed_at are finished again after a crash.
CREATE TABLE channel_messages (
    channel      TEXT    NOT NULL,
    message_id   TEXT    NOT NULL,
    workspace_id TEXT    NOT NULL DEFAULT 'default',
    sender       TEXT    NOT NULL,
    message      TEXT    NOT NULL,
    received_at  INTEGER NOT NULL,
    route        TEXT,
    processed_at INTEGER,
    PRIMARY KEY (channel, message_id)
);
CREATE INDEX channel_messages_unfinished ON channel_messages (processed_at, received_at);

-- One session per sender and channel: the context flows see and the last execution.
CREATE TABLE conversations (
    channel      TEXT    NOT NULL,
    sender       TEXT    NOT NULL,
    workspace_id TEXT    NOT NULL DEFAULT 'default',
    context      TEXT    NOT NULL,
    execution_id TEXT,
    messages     INTEGER NOT NULL,
    started_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (channel, sender)
);
