-- AI Spine schema v13 (SQLite): the gate. Keep in step with ../postgresql/V13__flow_gate.sql.

-- Where each flow version stands: deployed as a draft, then approved (it may run) or rejected.
-- Versions stored before the gate existed could already run, so they stay runnable: they are
-- marked approved by 'migration' (docs/security.md, "The gate").
ALTER TABLE flows ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'approved', 'rejected'));
ALTER TABLE flows ADD COLUMN author TEXT;
ALTER TABLE flows ADD COLUMN decided_by TEXT;
ALTER TABLE flows ADD COLUMN decided_at INTEGER;
ALTER TABLE flows ADD COLUMN reason TEXT;
UPDATE flows SET status = 'approved', decided_by = 'migration', decided_at = created_at;

-- Panic mode, kept across restarts: one row while it is on. Keyed by workspace so that the
-- workspaces branch can give each its own switch; today only 'default' (the whole server) is used.
CREATE TABLE panic_mode (
    workspace_id TEXT    NOT NULL DEFAULT 'default' PRIMARY KEY,
    since        INTEGER NOT NULL,
    by_key       TEXT    NOT NULL,
    reason       TEXT    NOT NULL
);
