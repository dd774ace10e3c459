-- Full-text search on SQLite: FTS5. One document per case (rowid = case
-- id) with two columns: ext holds what the member side may see (reference,
-- subject, messages and replies), int what only the centre sees (notes,
-- hand-over reasons). The store rewrites a case's document when its text
-- changes. Å, ä and ö are letters of their own, not a, a and o.
CREATE VIRTUAL TABLE case_fts USING fts5(
    ext, int,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);

-- People as you type: name, e-mail and phone digits, kept by triggers.
CREATE VIRTUAL TABLE people_fts USING fts5(
    name, email, phone,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3'
);
INSERT INTO people_fts (rowid, name, email, phone)
    SELECT id, name, email, replace(replace(replace(phone, ' ', ''), '-', ''), '+', '') FROM people;
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_fts (rowid, name, email, phone)
    VALUES (new.id, new.name, new.email, replace(replace(replace(new.phone, ' ', ''), '-', ''), '+', ''));
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF name, email, phone ON people BEGIN
    DELETE FROM people_fts WHERE rowid = old.id;
    INSERT INTO people_fts (rowid, name, email, phone)
    VALUES (new.id, new.name, new.email, replace(replace(replace(new.phone, ' ', ''), '-', ''), '+', ''));
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    DELETE FROM people_fts WHERE rowid = old.id;
END;
