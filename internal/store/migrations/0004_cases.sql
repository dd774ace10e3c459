-- Cases (ärenden): the interim service list, routing rules, the cases
-- themselves with their timeline, attachments and links. The full-text
-- index is engine-specific (0005).

CREATE TABLE service_areas (
    id       {{id}},
    code     text NOT NULL UNIQUE,
    name_sv  text NOT NULL,
    name_da  text NOT NULL,
    name_en  text NOT NULL,
    position integer NOT NULL DEFAULT 0
);

-- The centre's services until the service catalogue replaces this list.
CREATE TABLE services (
    id       {{id}},
    code     text NOT NULL UNIQUE,
    area_id  bigint NOT NULL REFERENCES service_areas (id),
    name_sv  text NOT NULL,
    name_da  text NOT NULL,
    name_en  text NOT NULL,
    active   boolean NOT NULL DEFAULT TRUE,
    position integer NOT NULL DEFAULT 0
);

INSERT INTO service_areas (code, name_sv, name_da, name_en, position) VALUES
    ('payroll', 'Lön och ersättningar', 'Løn og ydelser', 'Payroll and allowances', 1),
    ('pension', 'Pensionshantering', 'Pensionsadministration', 'Pension administration', 2),
    ('system', 'Systemförvaltning', 'Systemforvaltning', 'System management', 3),
    ('support', 'Support', 'Support', 'Support', 4);

INSERT INTO services (code, area_id, name_sv, name_da, name_en, position)
SELECT s.code, a.id, s.name_sv, s.name_da, s.name_en, s.position
FROM service_areas a JOIN (
              SELECT 'payroll' AS area, 'employment_data' AS code, 'Hantera person- och anställningsuppgifter' AS name_sv, 'Håndtere person- og ansættelsesoplysninger' AS name_da, 'Personal and employment data' AS name_en, 1 AS position
    UNION ALL SELECT 'payroll', 'payroll_documents', 'Hantera lönerelaterade underlag', 'Håndtere lønrelaterede bilag', 'Payroll documents', 2
    UNION ALL SELECT 'payroll', 'corrections', 'Hantera rättelser', 'Håndtere rettelser', 'Corrections', 3
    UNION ALL SELECT 'payroll', 'payroll', 'Lönehantering', 'Lønbehandling', 'Payroll processing', 4
    UNION ALL SELECT 'payroll', 'absence', 'Frånvaro och sjuklön', 'Fravær og sygeløn', 'Absence and sick pay', 5
    UNION ALL SELECT 'payroll', 'expenses', 'Resor och utlägg', 'Rejser og udlæg', 'Travel and expenses', 6
    UNION ALL SELECT 'pension', 'pension_calculation', 'Pensionsberäkning', 'Pensionsberegning', 'Pension calculation', 7
    UNION ALL SELECT 'pension', 'pension_reporting', 'Pensionsrapportering', 'Pensionsindberetning', 'Pension reporting', 8
    UNION ALL SELECT 'system', 'system_maintenance', 'Förvalta och underhålla systemet', 'Forvalte og vedligeholde systemet', 'System maintenance', 9
    UNION ALL SELECT 'system', 'access_rights', 'Behörigheter', 'Adgange og rettigheder', 'Access rights', 10
    UNION ALL SELECT 'support', 'certificates', 'Intyg', 'Attester', 'Certificates', 11
    UNION ALL SELECT 'support', 'guidance', 'Vägledning och utbildning', 'Vejledning og uddannelse', 'Guidance and training', 12
) s ON s.area = a.code;

-- Routing and scoping walk the unit tree downwards.
CREATE INDEX units_parent ON units (parent_id);

-- Routing rules, tried in position order; an empty condition matches any.
CREATE TABLE routing_rules (
    id         {{id}},
    position   integer NOT NULL,
    name       text NOT NULL DEFAULT '',
    member_id  bigint REFERENCES members (id) ON DELETE CASCADE,
    unit_id    bigint REFERENCES units (id) ON DELETE CASCADE,
    service_id bigint REFERENCES services (id) ON DELETE CASCADE,
    type       text NOT NULL DEFAULT '',
    team_id    bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    created_at timestamp NOT NULL,
    updated_at timestamp NOT NULL
);
CREATE INDEX routing_rules_position ON routing_rules (position, id);

-- One row per year hands out registration numbers without gaps or races.
CREATE TABLE case_counters (
    year integer PRIMARY KEY,
    last bigint NOT NULL
);

CREATE TABLE cases (
    id                {{id}},
    year              integer NOT NULL,
    seq               bigint NOT NULL,
    reference         text NOT NULL,
    member_id         bigint NOT NULL REFERENCES members (id),
    unit_id           bigint REFERENCES units (id),
    requester_id      bigint NOT NULL REFERENCES people (id),
    filed_by_id       bigint REFERENCES people (id),
    channel           text NOT NULL,
    service_id        bigint REFERENCES services (id),
    type              text NOT NULL,
    priority          smallint NOT NULL,            -- 0 low, 1 normal, 2 high, 3 urgent
    status            text NOT NULL,
    is_open           boolean NOT NULL,             -- status is not resolved or closed
    team_id           bigint REFERENCES teams (id),
    assignee_id       bigint REFERENCES people (id),
    line              text NOT NULL DEFAULT 'first',
    tags              text NOT NULL DEFAULT '',     -- space separated, lower case
    confidential      boolean NOT NULL DEFAULT FALSE,
    automated         boolean NOT NULL DEFAULT FALSE,
    subject           text NOT NULL,
    details           text NOT NULL DEFAULT '{}',   -- JSON object of the type's fields
    received_at       timestamp NOT NULL,
    created_at        timestamp NOT NULL,
    updated_at        timestamp NOT NULL,
    first_response_at timestamp,
    resolved_at       timestamp,
    closed_at         timestamp,
    merged_into       bigint REFERENCES cases (id)
);
CREATE UNIQUE INDEX cases_reference ON cases (year, seq);
-- Centre queues read open cases only; these partial indexes stay small
-- however many closed cases there are.
-- The updated order sorts a queue's open rows (a few thousand): cheaper
-- than one more index on every write.
CREATE INDEX cases_open_team ON cases (team_id, received_at, id) WHERE is_open;
CREATE INDEX cases_open_team_priority ON cases (team_id, priority DESC, received_at, id) WHERE is_open;
CREATE INDEX cases_open_assignee ON cases (assignee_id, received_at, id) WHERE is_open AND assignee_id IS NOT NULL;
CREATE INDEX cases_open ON cases (received_at, id) WHERE is_open;
-- Lists of every case (the member side sees closed cases too); a unit
-- filter reads the member's cases.
CREATE INDEX cases_received ON cases (received_at, id);
CREATE INDEX cases_requester ON cases (requester_id, received_at, id);
CREATE INDEX cases_member ON cases (member_id, received_at, id);
CREATE INDEX cases_resolved ON cases (resolved_at) WHERE status = 'resolved';
CREATE INDEX cases_merged ON cases (merged_into) WHERE merged_into IS NOT NULL;

-- The timeline: messages, replies, notes and every change.
CREATE TABLE case_events (
    id           {{id}},
    case_id      bigint NOT NULL REFERENCES cases (id),
    kind         text NOT NULL,
    visibility   text NOT NULL,                     -- external or internal
    author_id    bigint REFERENCES people (id),
    author_name  text NOT NULL DEFAULT '',
    on_behalf_of bigint REFERENCES people (id),
    channel      text NOT NULL DEFAULT '',
    body         text NOT NULL DEFAULT '',
    changes      text NOT NULL DEFAULT '',          -- JSON array of {field, from, to}
    message_id   text,                              -- e-mail Message-ID, for threading
    created_at   timestamp NOT NULL
);
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE INDEX case_events_message_id ON case_events (message_id) WHERE message_id IS NOT NULL;

CREATE TABLE case_attachments (
    id           {{id}},
    case_id      bigint NOT NULL REFERENCES cases (id),
    event_id     bigint NOT NULL REFERENCES case_events (id),
    filename     text NOT NULL,
    content_type text NOT NULL,
    size         bigint NOT NULL,
    sha256       text NOT NULL,
    data         {{blob}} NOT NULL,
    created_at   timestamp NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments (case_id, id);

-- Links go both ways: one row per direction. kind: related, or follow_up /
-- followed_by for a case opened by a reply to a closed one.
CREATE TABLE case_links (
    case_id    bigint NOT NULL REFERENCES cases (id),
    other_id   bigint NOT NULL REFERENCES cases (id),
    kind       text NOT NULL,
    created_at timestamp NOT NULL,
    PRIMARY KEY (case_id, other_id)
);
