-- SLA clocks per case, recomputed on every event; the warnings and misses
-- they produced (each recorded once, whatever the number of instances);
-- escalations between collaboration levels; in-app notifications.
CREATE TABLE case_sla (
    case_id              bigint PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    policy_id            bigint,
    first_response_warn  timestamp,
    first_response_due   timestamp,
    first_response_met   timestamp,
    first_response_paused boolean NOT NULL DEFAULT FALSE,
    first_response_miss  timestamp,
    next_response_warn  timestamp,
    next_response_due    timestamp,
    next_response_met    timestamp,
    next_response_paused boolean NOT NULL DEFAULT FALSE,
    next_response_miss   timestamp,
    resolution_warn  timestamp,
    resolution_due       timestamp,
    resolution_met       timestamp,
    resolution_paused boolean NOT NULL DEFAULT FALSE,
    resolution_miss      timestamp,
    member_input_warn  timestamp,
    member_input_due     timestamp,
    member_input_met     timestamp,
    member_input_paused boolean NOT NULL DEFAULT FALSE,
    member_input_miss    timestamp,
    alert_at             timestamp, -- when the SLA job must look at this case next
    computed_at          timestamp NOT NULL
);
CREATE INDEX case_sla_alert ON case_sla (alert_at) WHERE alert_at IS NOT NULL;

CREATE TABLE sla_events (
    id          {{id}},
    case_id     bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    member_id   bigint NOT NULL REFERENCES members (id),
    service_id  bigint,
    measure     text NOT NULL, -- first_response, next_response, resolution, member_input
    side        text NOT NULL, -- centre or member
    kind        text NOT NULL, -- warning or breach
    cycle_start timestamp NOT NULL,
    due_at      timestamp NOT NULL,
    at          timestamp NOT NULL
);
CREATE UNIQUE INDEX sla_events_once ON sla_events (case_id, measure, kind, cycle_start);
CREATE INDEX sla_events_member ON sla_events (member_id, at);

CREATE TABLE escalations (
    id          {{id}},
    member_id   bigint NOT NULL REFERENCES members (id),
    source      text NOT NULL, -- sla_breach, case, order, meeting_item
    source_id   bigint NOT NULL,
    level       text NOT NULL, -- operational, tactical, strategic
    reason      text NOT NULL,
    status      text NOT NULL DEFAULT 'open', -- open, decided, withdrawn
    created_by  bigint REFERENCES people (id),
    created_at  timestamp NOT NULL,
    decided_at  timestamp,
    decision    text NOT NULL DEFAULT ''
);
CREATE INDEX escalations_member ON escalations (member_id, status, level);
CREATE UNIQUE INDEX escalations_once ON escalations (source, source_id, level);

CREATE TABLE notifications (
    id         {{id}},
    person_id  bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    case_id    bigint REFERENCES cases (id) ON DELETE CASCADE,
    message    text NOT NULL,
    created_at timestamp NOT NULL,
    read_at    timestamp
);
CREATE INDEX notifications_person ON notifications (person_id, id);
