-- The member's pay-run obligation: input reaches the centre at least this
-- many business days before the pay-run deadline (0: none). Each case that
-- fell under it when it was opened has a row: which pay run it feeds, when
-- the input was due and whether it was late (a late one is also a
-- member-side miss in sla_events).
ALTER TABLE sla_policies ADD COLUMN payrun_input_days integer NOT NULL DEFAULT 0;

CREATE TABLE case_payrun_input (
    case_id   bigint PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    member_id bigint NOT NULL REFERENCES members (id),
    pay_year  integer NOT NULL,
    pay_month integer NOT NULL,
    cutoff_on date NOT NULL,
    payday_on date NOT NULL,
    due_at    timestamp NOT NULL,
    late      boolean NOT NULL
);
