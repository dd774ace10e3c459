-- New cases' search documents wait here and go into case_fts in batches
-- (before any search, and four times a second in the background): writing one
-- document per commit costs SQLite a full-text segment flush and FTS5's
-- merges, a third of the cost of opening a case. See cases_search_queue.go.
CREATE TABLE case_fts_queue (
    case_id integer PRIMARY KEY,
    ext     text NOT NULL,
    int     text NOT NULL
);
