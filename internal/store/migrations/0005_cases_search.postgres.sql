-- Full-text search on PostgreSQL: one tsvector per case. Words the member
-- side may see (reference, subject, messages, replies) carry weight A, words
-- only the centre sees (notes, hand-over reasons) weight B, so one GIN index
-- serves both kinds of search. The 'simple' configuration neither stems
-- nor drops words, like SQLite's unicode61 tokenizer.
CREATE TABLE case_search (
    case_id bigint PRIMARY KEY REFERENCES cases (id),
    doc     tsvector NOT NULL
);
CREATE INDEX case_search_doc ON case_search USING GIN (doc);

-- People as you type.
CREATE INDEX people_search ON people USING GIN (
    to_tsvector('simple', lower(name || ' ' || translate(email, '@.-_+', '     ') || ' ' || translate(phone, ' -+()', '')))
);
