-- Nothing to do on PostgreSQL: its GIN index already gathers new entries
-- in a pending list (fastupdate), so a new case's search document is
-- written at once. SQLite's queue is in 0015_case_search_queue.sqlite.sql.
SELECT 1;
