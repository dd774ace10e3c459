-- The organisation model, people and roles, login and the audit log.
-- Instants are stored in UTC. Written once for SQLite and PostgreSQL.

CREATE TABLE settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE centre (
    id         bigint PRIMARY KEY CHECK (id = 1),
    name       text NOT NULL,
    country    text NOT NULL,
    time_zone  text NOT NULL,
    currency   text NOT NULL,
    language   text NOT NULL,
    updated_at timestamp NOT NULL
);

CREATE TABLE members (
    id         {{id}},
    name       text NOT NULL,
    org_number text NOT NULL UNIQUE,
    kind       text NOT NULL,
    country    text NOT NULL,
    status     text NOT NULL,
    parent_id  bigint REFERENCES members (id),
    created_at timestamp NOT NULL,
    updated_at timestamp NOT NULL
);

CREATE TABLE units (
    id          {{id}},
    member_id   bigint NOT NULL REFERENCES members (id),
    parent_id   bigint REFERENCES units (id),
    name        text NOT NULL,
    cost_centre text NOT NULL DEFAULT '',
    created_at  timestamp NOT NULL,
    updated_at  timestamp NOT NULL
);
CREATE INDEX units_member ON units (member_id, id);

CREATE TABLE teams (
    id          {{id}},
    name        text NOT NULL UNIQUE,
    description text NOT NULL DEFAULT '',
    created_at  timestamp NOT NULL
);

CREATE TABLE people (
    id            {{id}},
    name          text NOT NULL,
    email         text NOT NULL UNIQUE,
    phone         text NOT NULL DEFAULT '',
    member_id     bigint REFERENCES members (id),
    unit_id       bigint REFERENCES units (id),
    language      text NOT NULL DEFAULT '',
    active        boolean NOT NULL DEFAULT TRUE,
    password_hash text NOT NULL DEFAULT '',
    created_at    timestamp NOT NULL,
    updated_at    timestamp NOT NULL
);
CREATE INDEX people_member ON people (member_id, id);

CREATE TABLE person_roles (
    id        {{id}},
    person_id bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role      text NOT NULL,
    level     text NOT NULL DEFAULT '',
    unit_id   bigint REFERENCES units (id)
);
CREATE INDEX person_roles_person ON person_roles (person_id);

CREATE TABLE team_members (
    team_id   bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    person_id bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, person_id)
);
CREATE INDEX team_members_person ON team_members (person_id);

-- The member units a team serves; case routing reads it.
CREATE TABLE team_units (
    team_id bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    unit_id bigint NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    PRIMARY KEY (team_id, unit_id)
);

CREATE TABLE substitutes (
    id            {{id}},
    person_id     bigint NOT NULL REFERENCES people (id),
    for_person_id bigint NOT NULL REFERENCES people (id),
    starts_on     date NOT NULL,
    ends_on       date NOT NULL,
    scope         text NOT NULL DEFAULT '',
    created_at    timestamp NOT NULL
);
CREATE INDEX substitutes_person ON substitutes (person_id);
CREATE INDEX substitutes_for ON substitutes (for_person_id);

CREATE TABLE sessions (
    token_hash   text PRIMARY KEY,
    person_id    bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    acting_for   bigint REFERENCES people (id),
    created_at   timestamp NOT NULL,
    expires_at   timestamp NOT NULL
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE api_tokens (
    id           {{id}},
    person_id    bigint NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    name         text NOT NULL DEFAULT '',
    token_hash   text NOT NULL UNIQUE,
    created_at   timestamp NOT NULL,
    last_used_at timestamp,
    revoked_at   timestamp
);
CREATE INDEX api_tokens_person ON api_tokens (person_id);

-- Failed sign-ins, for throttling; old rows are pruned.
CREATE TABLE login_failures (
    id    {{id}},
    email text NOT NULL,
    at    timestamp NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);

CREATE TABLE audit_log (
    id           {{id}},
    at           timestamp NOT NULL,
    actor_id     bigint,
    actor_name   text NOT NULL DEFAULT '',
    on_behalf_of bigint,
    member_id    bigint,
    entity       text NOT NULL,
    entity_id    bigint NOT NULL DEFAULT 0,
    action       text NOT NULL,
    before_data  text NOT NULL DEFAULT '',
    after_data   text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
