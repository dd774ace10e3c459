-- The clocks of a case are derived data, rewritten for every open case
-- after a calendar or policy change. Twenty-two timestamp columns made
-- that rewrite cost ~20 µs a row on SQLite; the clocks now live in one
-- compact value the store encodes (case_sla_clocks.go), instants as unix
-- microseconds, with the few facts SQL filters or counts on as columns.
-- The old rows are converted by the Go step of this migration.
ALTER TABLE case_sla RENAME TO case_sla_0008;
DROP INDEX case_sla_alert;
CREATE TABLE case_sla (
    case_id         {{key}} REFERENCES cases (id) ON DELETE CASCADE,
    policy_id       bigint,
    clocks          {{blob}} NOT NULL,
    due_measures    integer NOT NULL, -- bit per measure (first response 1, next response 2, resolution 4, member input 8): has a due instant
    missed_measures integer NOT NULL, -- bit per measure: the target was missed
    alert_at        bigint,           -- unix µs: when the SLA job must look at this case next
    computed_at     bigint NOT NULL   -- unix µs
);
CREATE INDEX case_sla_alert ON case_sla (alert_at) WHERE alert_at IS NOT NULL;
