-- The service catalogue grows out of the interim service list of 0004:
-- areas and services get descriptions, services a kind and a version, and
-- every service its activities (who does what, by when). Every change of a
-- service is kept as a snapshot in service_versions. Then the members'
-- agreements with their versions, and orders for special and additional
-- services with their history.

ALTER TABLE service_areas ADD COLUMN description_sv text NOT NULL DEFAULT '';
ALTER TABLE service_areas ADD COLUMN description_da text NOT NULL DEFAULT '';
ALTER TABLE service_areas ADD COLUMN description_en text NOT NULL DEFAULT '';

ALTER TABLE services ADD COLUMN kind text NOT NULL DEFAULT 'base'; -- base or additional
ALTER TABLE services ADD COLUMN description_sv text NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN description_da text NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN description_en text NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE services ADD COLUMN updated_at timestamp;

CREATE TABLE service_activities (
    id              {{id}},
    service_id      bigint NOT NULL REFERENCES services (id),
    position        integer NOT NULL,
    name_sv         text NOT NULL,
    name_da         text NOT NULL,
    name_en         text NOT NULL,
    description_sv  text NOT NULL DEFAULT '',
    description_da  text NOT NULL DEFAULT '',
    description_en  text NOT NULL DEFAULT '',
    responsible     text NOT NULL,              -- centre, member or manager
    deadline_anchor text NOT NULL DEFAULT '',   -- '', receipt, payday, cutoff
    deadline_days   integer NOT NULL DEFAULT 0,
    service_level   text NOT NULL DEFAULT '',   -- an agreement target's code
    forms_sv        text NOT NULL DEFAULT '',
    forms_da        text NOT NULL DEFAULT '',
    forms_en        text NOT NULL DEFAULT '',
    contact_sv      text NOT NULL DEFAULT '',
    contact_da      text NOT NULL DEFAULT '',
    contact_en      text NOT NULL DEFAULT ''
);
CREATE INDEX service_activities_service ON service_activities (service_id, position, id);

-- One row per version of a service: the service with its activities as
-- JSON, as it was after the change.
CREATE TABLE service_versions (
    service_id bigint NOT NULL REFERENCES services (id),
    version    integer NOT NULL,
    change     text NOT NULL,
    snapshot   text NOT NULL,
    changed_by bigint REFERENCES people (id),
    actor_name text NOT NULL DEFAULT '',
    changed_at timestamp NOT NULL,
    PRIMARY KEY (service_id, version)
);

CREATE TABLE agreements (
    id           {{id}},
    member_id    bigint NOT NULL REFERENCES members (id),
    title        text NOT NULL,
    revision_due date,
    reminded_for date,
    created_at   timestamp NOT NULL
);
CREATE INDEX agreements_member ON agreements (member_id, id);
CREATE INDEX agreements_revision ON agreements (revision_due);

-- Lists of a version (services, targets, annex, signatories) are JSON: a
-- version is one document, and an approved one never changes.
CREATE TABLE agreement_versions (
    id             {{id}},
    agreement_id   bigint NOT NULL REFERENCES agreements (id),
    member_id      bigint NOT NULL REFERENCES members (id),
    number         integer NOT NULL,
    status         text NOT NULL,                -- draft, approved, superseded
    title          text NOT NULL,
    valid_from     date NOT NULL,
    valid_to       date,
    binding_months integer NOT NULL DEFAULT 0,
    notice_months  integer NOT NULL DEFAULT 0,
    pay_day        integer NOT NULL DEFAULT 25,  -- 0: the last banking day
    cutoff_day     integer NOT NULL DEFAULT 10,
    services       text NOT NULL DEFAULT '[]',
    targets        text NOT NULL DEFAULT '[]',
    extra_services text NOT NULL DEFAULT '[]',
    deviations     text NOT NULL DEFAULT '[]',
    signatories    text NOT NULL DEFAULT '[]',
    changes        text NOT NULL DEFAULT '',
    order_id       bigint,
    created_by     bigint REFERENCES people (id),
    created_at     timestamp NOT NULL,
    updated_at     timestamp NOT NULL,
    approved_by    bigint REFERENCES people (id),
    approved_at    timestamp,
    superseded_at  timestamp
);
CREATE UNIQUE INDEX agreement_versions_number ON agreement_versions (agreement_id, number);
CREATE UNIQUE INDEX agreement_versions_one_draft ON agreement_versions (agreement_id) WHERE status = 'draft';
CREATE INDEX agreement_versions_member ON agreement_versions (member_id, status);

CREATE TABLE order_counters (
    year integer PRIMARY KEY,
    last bigint NOT NULL
);

CREATE TABLE orders (
    id                   {{id}},
    reference            text NOT NULL UNIQUE,
    member_id            bigint NOT NULL REFERENCES members (id),
    kind                 text NOT NULL,          -- special, additional, change
    service_id           bigint REFERENCES services (id),
    title                text NOT NULL,
    description          text NOT NULL DEFAULT '',
    wanted_by            date,
    orderer_id           bigint NOT NULL REFERENCES people (id),
    handler_id           bigint REFERENCES people (id),
    state                text NOT NULL,
    currency             text NOT NULL,
    amount               bigint NOT NULL DEFAULT 0, -- minor units
    estimate_note        text NOT NULL DEFAULT '',
    quote                text NOT NULL DEFAULT '',
    quote_valid_until    date,
    quoted_at            timestamp,
    delivery_note        text NOT NULL DEFAULT '',
    delivered_at         timestamp,
    decided_at           timestamp,
    approved_at          timestamp,
    reason               text NOT NULL DEFAULT '',
    agreement_version_id bigint REFERENCES agreement_versions (id),
    created_at           timestamp NOT NULL,
    updated_at           timestamp NOT NULL
);
CREATE INDEX orders_member ON orders (member_id, id);
CREATE INDEX orders_state ON orders (state, id);

CREATE TABLE order_events (
    id         {{id}},
    order_id   bigint NOT NULL REFERENCES orders (id),
    at         timestamp NOT NULL,
    actor_id   bigint REFERENCES people (id),
    actor_name text NOT NULL DEFAULT '',
    action     text NOT NULL,
    from_state text NOT NULL DEFAULT '',
    to_state   text NOT NULL,
    note       text NOT NULL DEFAULT '',
    amount     bigint NOT NULL DEFAULT 0
);
CREATE INDEX order_events_order ON order_events (order_id, id);
