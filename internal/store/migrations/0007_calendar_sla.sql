-- The centre's own closed days and half days (member_id NULL) and a
-- member's (member_id set); office hours per weekday for the centre
-- (member_id 0) with optional per-member overrides; SLA policies.
CREATE TABLE closed_days (
    id         {{id}},
    member_id  bigint REFERENCES members (id),
    day        date NOT NULL,
    name       text NOT NULL,
    open_at    text NOT NULL DEFAULT '', -- HH:MM for a half day; '' closed all day
    close_at   text NOT NULL DEFAULT '',
    created_at timestamp NOT NULL
);
CREATE UNIQUE INDEX closed_days_unique ON closed_days (COALESCE(member_id, 0), day);

CREATE TABLE office_hours (
    member_id bigint NOT NULL DEFAULT 0,
    weekday   integer NOT NULL, -- 0 Sunday … 6 Saturday
    open_at   text NOT NULL DEFAULT '',
    close_at  text NOT NULL DEFAULT '',
    PRIMARY KEY (member_id, weekday)
);

CREATE TABLE sla_policies (
    id                    {{id}},
    position              integer NOT NULL,
    name                  text NOT NULL,
    member_id             bigint REFERENCES members (id),
    service_id            bigint,
    case_type             text NOT NULL DEFAULT '',
    priority              text NOT NULL DEFAULT '',
    channel               text NOT NULL DEFAULT '',
    first_response_amount double precision NOT NULL DEFAULT 0,
    first_response_unit   text NOT NULL DEFAULT '',
    next_response_amount  double precision NOT NULL DEFAULT 0,
    next_response_unit    text NOT NULL DEFAULT '',
    resolution_amount     double precision NOT NULL DEFAULT 0,
    resolution_unit       text NOT NULL DEFAULT '',
    member_input_amount   double precision NOT NULL DEFAULT 0,
    member_input_unit     text NOT NULL DEFAULT '',
    warn_percent          integer NOT NULL DEFAULT 80,
    pause_on              text NOT NULL DEFAULT '',
    created_at            timestamp NOT NULL,
    updated_at            timestamp NOT NULL
);
