-- AI Spine schema v7 (SQLite): node states get rows of their own. Keep in step with
-- ../postgresql/V7__execution_nodes.sql.
--
-- Until v6 the executions row held the whole state, node states included, and every commit
-- rewrote it: with a foreach over thousands of items that is megabytes per commit. Now a commit
-- writes only the node states it changed. `pos` keeps the order in which an execution's nodes
-- became known (an upsert keeps a row's pos), which is the order the engine lists them in;
-- `seq` is the execution's last event sequence when the row was written, so that a batch applied
-- twice never puts an older node state over a newer one.
CREATE TABLE execution_nodes (
    pos          INTEGER PRIMARY KEY AUTOINCREMENT,
    execution_id TEXT    NOT NULL REFERENCES executions (id) ON DELETE CASCADE,
    path         TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    state        TEXT    NOT NULL, -- JSON of the node state
    UNIQUE (execution_id, path)
);

INSERT INTO execution_nodes (execution_id, path, seq, state)
    SELECT e.id, n.key, e.last_seq, n.value
    FROM executions e, json_each(e.state, '$.nodes') n
    ORDER BY e.id, n.id;
UPDATE executions SET state = json_remove(state, '$.nodes');
