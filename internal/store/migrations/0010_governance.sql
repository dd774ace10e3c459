-- The collaboration model: forums with their cadence, meetings with
-- agenda, minutes and attendance, the decision register, action items, the
-- contact directory, calendar feeds and surveys after meetings. The
-- escalation ladder extends the escalations of 0008.

CREATE TABLE forums (
    id             {{id}},
    name           text NOT NULL,
    level          text NOT NULL,               -- strategic, tactical, operational
    member_id      bigint REFERENCES members (id), -- NULL: all members together
    mandate        text NOT NULL DEFAULT '',
    participants   text NOT NULL DEFAULT '',    -- space separated side:role[:level]
    cadence_kind   text NOT NULL,               -- per_year, every_weeks, monthly, quarterly
    cadence_n      integer NOT NULL DEFAULT 0,
    convenor_id    bigint NOT NULL REFERENCES people (id),
    agenda_days    integer NOT NULL DEFAULT 5,
    minutes_days   integer NOT NULL DEFAULT 5,
    survey_percent integer NOT NULL DEFAULT 0,
    active         boolean NOT NULL DEFAULT TRUE,
    starts_on      date NOT NULL,
    created_at     timestamp NOT NULL,
    updated_at     timestamp NOT NULL
);
CREATE INDEX forums_member ON forums (member_id, level);

CREATE TABLE meetings (
    id                   {{id}},
    forum_id             bigint NOT NULL REFERENCES forums (id),
    member_id            bigint REFERENCES members (id), -- NULL: all the forum's members
    title                text NOT NULL,
    starts_at            timestamp NOT NULL,
    ends_at              timestamp NOT NULL,
    location             text NOT NULL DEFAULT '',
    status               text NOT NULL DEFAULT 'planned', -- planned, held, cancelled
    agenda_published_at  timestamp,
    minutes              text NOT NULL DEFAULT '',
    minutes_published_at timestamp,
    sequence             integer NOT NULL DEFAULT 0,
    created_at           timestamp NOT NULL,
    updated_at           timestamp NOT NULL
);
CREATE INDEX meetings_forum ON meetings (forum_id, starts_at);
CREATE INDEX meetings_starts ON meetings (starts_at, id);

CREATE TABLE meeting_attendance (
    meeting_id bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id  bigint NOT NULL REFERENCES people (id),
    status     text NOT NULL, -- present, absent, excused
    PRIMARY KEY (meeting_id, person_id)
);

CREATE TABLE agenda_items (
    id         {{id}},
    meeting_id bigint NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position   integer NOT NULL,
    title      text NOT NULL,
    notes      text NOT NULL DEFAULT '',
    source     text NOT NULL DEFAULT '', -- '' written by the centre, or a governance.Source
    source_id  bigint NOT NULL DEFAULT 0,
    member_id  bigint REFERENCES members (id),
    created_at timestamp NOT NULL
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position, id);
CREATE UNIQUE INDEX agenda_items_source ON agenda_items (meeting_id, source, source_id) WHERE source <> '';

CREATE TABLE decisions (
    id             {{id}},
    meeting_id     bigint NOT NULL REFERENCES meetings (id),
    forum_id       bigint NOT NULL REFERENCES forums (id),
    member_id      bigint REFERENCES members (id),
    agenda_item_id bigint REFERENCES agenda_items (id) ON DELETE SET NULL,
    escalation_id  bigint REFERENCES escalations (id),
    title          text NOT NULL,
    body           text NOT NULL DEFAULT '',
    created_by     bigint REFERENCES people (id),
    created_at     timestamp NOT NULL
);
CREATE INDEX decisions_meeting ON decisions (meeting_id, id);
CREATE INDEX decisions_forum ON decisions (forum_id, id);

CREATE TABLE action_items (
    id           {{id}},
    meeting_id   bigint NOT NULL REFERENCES meetings (id),
    forum_id     bigint NOT NULL REFERENCES forums (id),
    member_id    bigint REFERENCES members (id),
    decision_id  bigint REFERENCES decisions (id),
    title        text NOT NULL,
    owner_id     bigint NOT NULL REFERENCES people (id),
    due_on       date NOT NULL,
    status       text NOT NULL DEFAULT 'open', -- open, in_progress, done
    progress     text NOT NULL DEFAULT '',
    completed_at timestamp,
    created_at   timestamp NOT NULL,
    updated_at   timestamp NOT NULL
);
CREATE INDEX action_items_forum ON action_items (forum_id, status, due_on);
CREATE INDEX action_items_owner ON action_items (owner_id, status);
CREATE INDEX action_items_meeting ON action_items (meeting_id, id);

-- The contact directory: a member's contact person per level.
CREATE TABLE contacts (
    id          {{id}},
    member_id   bigint NOT NULL REFERENCES members (id),
    level       text NOT NULL,
    person_id   bigint NOT NULL REFERENCES people (id),
    title       text NOT NULL DEFAULT '',
    deputy_id   bigint REFERENCES people (id),
    verified_at timestamp,
    verified_by bigint REFERENCES people (id),
    created_at  timestamp NOT NULL,
    updated_at  timestamp NOT NULL
);
CREATE UNIQUE INDEX contacts_once ON contacts (member_id, level, person_id);

-- One verification request per member and month, whatever the instances.
CREATE TABLE contact_verification_requests (
    member_id bigint NOT NULL REFERENCES members (id),
    period    text NOT NULL, -- YYYY-MM
    sent_at   timestamp NOT NULL,
    PRIMARY KEY (member_id, period)
);

-- A person's calendar subscription: the feed URL carries a secret whose
-- hash is kept here.
CREATE TABLE calendar_feeds (
    person_id  bigint PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE,
    created_at timestamp NOT NULL
);

CREATE TABLE survey_invitations (
    id          {{id}},
    meeting_id  bigint NOT NULL REFERENCES meetings (id),
    person_id   bigint NOT NULL REFERENCES people (id),
    score       integer,
    comment     text NOT NULL DEFAULT '',
    answered_at timestamp,
    created_at  timestamp NOT NULL
);
CREATE UNIQUE INDEX survey_invitations_once ON survey_invitations (meeting_id, person_id);
CREATE INDEX survey_invitations_person ON survey_invitations (person_id, id);

-- The ladder: each step points to the one below it, lands on a meeting
-- and is closed by a decision.
ALTER TABLE escalations ADD COLUMN parent_id bigint;
ALTER TABLE escalations ADD COLUMN meeting_id bigint;
ALTER TABLE escalations ADD COLUMN decision_id bigint;
ALTER TABLE escalations ADD COLUMN subject text NOT NULL DEFAULT '';
CREATE INDEX escalations_source ON escalations (source, source_id);

-- Governance notifications link to the page they are about.
ALTER TABLE notifications ADD COLUMN link text NOT NULL DEFAULT '';
