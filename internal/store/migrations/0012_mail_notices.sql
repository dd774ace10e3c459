-- E-mail notices (package mail): messages that are not about a case, such
-- as a survey invitation or a request to confirm the contact directory.
-- Each is reserved under its kind and a key the sender chooses (e.g.
-- "invitation-12") before it is sent, so a retried or repeated job reuses
-- its Message-ID and never sends it twice once it is marked sent.
-- state: pending (reserved), sent.
CREATE TABLE mail_notices (
    id         {{id}},
    kind       text NOT NULL,
    notice_key text NOT NULL,
    message_id text NOT NULL,
    recipient  text NOT NULL,
    subject    text NOT NULL,
    state      text NOT NULL DEFAULT 'pending',
    created_at timestamp NOT NULL,
    sent_at    timestamp
);
CREATE UNIQUE INDEX mail_notices_key ON mail_notices (kind, notice_key);
CREATE UNIQUE INDEX mail_notices_message_id ON mail_notices (message_id);
