-- AI Spine schema v18 (postgresql): reads per workspace. Keep in step with
-- ../sqlite/V18__workspace_reads.sql.

-- Model providers, calls and budgets (V14) already carry workspace_id, with every earlier row in
-- 'default'; the routes and the llm agent now read and write them by the caller's or the
-- execution's workspace. The audit log (V11) is read per workspace too: a workspace's admin pages
-- through its own entries, so they are one index range.
CREATE INDEX audit_log_by_workspace ON audit_log (workspace, seq);
