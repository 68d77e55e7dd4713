-- AI Spine schema v6: time travel. Keep the sqlite and postgresql files in step.
-- The execution a replay was forked from (its ex_ id; NULL for an ordinary execution), copied out of
-- the state JSON so that the replays of an execution can be listed by index.
ALTER TABLE executions ADD COLUMN replay_of TEXT;
CREATE INDEX executions_by_replay_of ON executions (replay_of, created_at);
