-- AI Spine schema v19 (sqlite): the MCP servers a workspace added and the allowlist of what may be
-- added. Keep in step with ../postgresql/V19__mcp_servers.sql.

-- An MCP server of a workspace. endpoint is JSON: {"stdio": {command, args, env}} or
-- {"http": {url, headers}}; values of env and headers may name secrets of the vault (the value
-- stays there). policy is JSON: {"tools": {name: allow|deny|approval}, "others": ...}.
CREATE TABLE mcp_servers (
    workspace_id    TEXT    NOT NULL DEFAULT 'default',
    name            TEXT    NOT NULL,
    endpoint        TEXT    NOT NULL,
    policy          TEXT    NOT NULL,
    connect_timeout_ms INTEGER NOT NULL,
    call_timeout_ms INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, name)
);

-- The commands and URLs an admin allows a workspace to add as MCP servers; an entry ending in '*'
-- admits every command or URL it prefixes.
CREATE TABLE mcp_allowlist (
    workspace_id TEXT   NOT NULL DEFAULT 'default',
    entry        TEXT   NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, entry)
);
