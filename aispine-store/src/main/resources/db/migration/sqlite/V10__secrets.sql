-- AI Spine schema v10 (SQLite): secrets, encrypted at rest. Keep in step with
-- ../postgresql/V10__secrets.sql.

-- One row per secret and workspace. ciphertext is Tink AEAD (AES-256-GCM) output with the secret's
-- name as associated data, so a row's value cannot be moved under another name; key_id is the id
-- of the keyset key that encrypted it. The plaintext is never stored.
CREATE TABLE secrets (
    workspace  TEXT    NOT NULL DEFAULT 'default',
    name       TEXT    NOT NULL,
    ciphertext BLOB    NOT NULL,
    key_id     INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (workspace, name)
);
