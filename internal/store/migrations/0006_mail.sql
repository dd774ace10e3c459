-- E-mail in and out (package mail).
--
-- inbound_mail keeps every fetched message raw, before anything else is done
-- with it, once per Message-ID (a message without one is keyed by
-- "sha256:" and the hash of its bytes). state: new (stored, not yet
-- handled), processed (threaded into or opened a case), flagged (malformed
-- or automatic: for a person to look at), ignored (our own message coming
-- back). case_id is a plain reference: the cases table belongs to another
-- migration.
CREATE TABLE inbound_mail (
    id           {{id}},
    mailbox      text NOT NULL,
    uid_validity bigint NOT NULL DEFAULT 0,
    uid          bigint NOT NULL DEFAULT 0,
    message_id   text NOT NULL,
    raw          {{blob}} NOT NULL,
    size         bigint NOT NULL,
    from_address text NOT NULL DEFAULT '',
    subject      text NOT NULL DEFAULT '',
    received_at  timestamp NOT NULL,
    state        text NOT NULL DEFAULT 'new',
    reason       text NOT NULL DEFAULT '',
    case_id      bigint,
    handled_at   timestamp
);
CREATE UNIQUE INDEX inbound_mail_message_id ON inbound_mail (message_id);
CREATE INDEX inbound_mail_state ON inbound_mail (state, id);
CREATE INDEX inbound_mail_case ON inbound_mail (case_id) WHERE case_id IS NOT NULL;

-- How far each IMAP mailbox has been read: messages with a UID above
-- last_uid are new while the mailbox keeps its UIDVALIDITY.
CREATE TABLE mail_cursors (
    mailbox      text PRIMARY KEY,
    uid_validity bigint NOT NULL,
    last_uid     bigint NOT NULL,
    updated_at   timestamp NOT NULL
);

-- Every message we send, reserved before sending so a retried job reuses
-- its Message-ID and never sends twice once it is marked sent.
-- state: pending (reserved), sent.
CREATE TABLE outbound_mail (
    id         {{id}},
    kind       text NOT NULL,
    case_id    bigint NOT NULL,
    event_id   bigint NOT NULL,
    message_id text NOT NULL,
    recipient  text NOT NULL,
    subject    text NOT NULL,
    state      text NOT NULL DEFAULT 'pending',
    created_at timestamp NOT NULL,
    sent_at    timestamp
);
CREATE UNIQUE INDEX outbound_mail_message_id ON outbound_mail (message_id);
CREATE UNIQUE INDEX outbound_mail_event ON outbound_mail (kind, case_id, event_id);
CREATE INDEX outbound_mail_case ON outbound_mail (case_id, id);
