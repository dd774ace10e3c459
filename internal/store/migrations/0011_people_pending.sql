-- People created from an unknown e-mail sender wait for the centre to
-- verify who they are.
ALTER TABLE people ADD COLUMN pending boolean NOT NULL DEFAULT FALSE;
CREATE INDEX people_pending ON people (pending) WHERE pending;
