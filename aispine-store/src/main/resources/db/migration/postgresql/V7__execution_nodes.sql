-- AI Spine schema v7 (PostgreSQL): node states get rows of their own. Keep in step with
-- ../sqlite/V7__execution_nodes.sql, which says why.
CREATE TABLE execution_nodes (
    pos          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    execution_id TEXT   NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    path         TEXT   NOT NULL,
    seq          BIGINT NOT NULL,
    state        json   NOT NULL,
    UNIQUE (execution_id, path)
);

INSERT INTO execution_nodes (execution_id, path, seq, state)
    SELECT e.id, n.key, e.last_seq, n.value
    FROM executions e, json_each(e.state -> 'nodes') WITH ORDINALITY AS n (key, value, ord)
    ORDER BY e.id, n.ord;
UPDATE executions SET state = (state::jsonb - 'nodes')::json;
