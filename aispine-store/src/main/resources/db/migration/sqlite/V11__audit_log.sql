-- AI Spine schema v11 (sqlite): the audit log of the API. Keep in step with
-- ../postgresql/V11__audit_log.sql.

-- One row per audited request, append-only. seq is the place in the hash chain: hash is SHA-256 of
-- prev_hash and the row's other fields as canonical JSON (io.aispine.store.AuditChain), so an edited,
-- deleted or reordered row breaks the chain there. key_id and role are NULL for a request without a
-- known key; status is NULL for 'ok'; before_hash/after_hash are SHA-256 of the target's stored row
-- as canonical JSON, NULL where it does not exist.
CREATE TABLE audit_log (
    seq         BIGINT NOT NULL PRIMARY KEY,
    at          BIGINT NOT NULL,
    workspace   TEXT   NOT NULL DEFAULT 'default',
    key_id      TEXT,
    role        TEXT,
    source      TEXT,
    action      TEXT   NOT NULL,
    target_type TEXT,
    target_id   TEXT,
    outcome     TEXT   NOT NULL,
    status      INTEGER,
    request_id  TEXT   NOT NULL,
    before_hash TEXT,
    after_hash  TEXT,
    prev_hash   TEXT   NOT NULL,
    hash        TEXT   NOT NULL
);

CREATE INDEX audit_log_by_time ON audit_log (at);
