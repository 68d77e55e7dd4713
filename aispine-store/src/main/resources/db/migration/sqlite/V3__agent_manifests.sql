-- AI Spine schema v3 (SQLite): agent manifests and deprecation. Keep in step with
-- ../postgresql/V3__agent_manifests.sql.

-- What a version's manifest says beyond name, version, URL and description (category, tags, input
-- and output JSON Schemas, sample input, pricing, limits, sensitivity), as one JSON object: it is
-- written once with the version and read whole. NULL for versions registered without a manifest.
ALTER TABLE agents ADD COLUMN manifest TEXT;
-- A deprecated version is not chosen for new executions while another version matches.
ALTER TABLE agents ADD COLUMN deprecated_at INTEGER;
ALTER TABLE agents ADD COLUMN deprecation_reason TEXT;
