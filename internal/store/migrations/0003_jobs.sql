-- The durable job queue. A job is enqueued in the transaction of the change
-- that causes it; workers on any instance claim due jobs with a lease, so a
-- crashed worker's job is taken up again when its lease runs out.
CREATE TABLE jobs (
    id           {{id}},
    kind         text NOT NULL,
    payload      text NOT NULL DEFAULT '{}',
    state        text NOT NULL DEFAULT 'pending', -- pending, done, failed
    run_at       timestamp NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 8,
    locked_by    text NOT NULL DEFAULT '',
    locked_until timestamp,
    last_error   text NOT NULL DEFAULT '',
    unique_key   text,
    created_at   timestamp NOT NULL,
    finished_at  timestamp
);
CREATE INDEX jobs_due ON jobs (state, run_at, id);
CREATE UNIQUE INDEX jobs_unique ON jobs (unique_key) WHERE unique_key IS NOT NULL;
