// Migration 22, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Search over every run's transcript: a contentless FTS5 index (it keeps no second copy of
// the text) over the searchable text of each event, kept in step by triggers inside the writer's
// transaction. Events stored before this migration are indexed by a background job, newest first,
// in small batches: run_search_backfill.below is the id under which events still wait, so a large
// history never holds the first start for minutes.
export const sql = `
  CREATE VIEW run_search_text AS
    SELECT id, CASE type
        WHEN 'prompt' THEN json_extract(data, '$.text')
        WHEN 'text' THEN json_extract(data, '$.text')
        WHEN 'thinking' THEN json_extract(data, '$.text')
        WHEN 'tool_use' THEN json_extract(data, '$.name') || ' ' || json_extract(data, '$.input')
        WHEN 'tool_result' THEN json_extract(data, '$.content')
        WHEN 'error' THEN json_extract(data, '$.message')
        WHEN 'status' THEN json_extract(data, '$.message')
        WHEN 'approval_decided' THEN json_extract(data, '$.message')
        WHEN 'retry' THEN json_extract(data, '$.error')
      END AS body
    FROM run_events;
  CREATE VIRTUAL TABLE run_search USING fts5(
    body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TABLE run_search_backfill (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    below INTEGER NOT NULL
  );
  INSERT INTO run_search_backfill (id, below) SELECT 1, coalesce(max(id), 0) + 1 FROM run_events;
  CREATE TRIGGER run_search_on_insert AFTER INSERT ON run_events BEGIN
    INSERT INTO run_search (rowid, body)
      SELECT id, body FROM run_search_text WHERE id = new.id AND body IS NOT NULL;
  END;
  CREATE TRIGGER run_search_on_delete AFTER DELETE ON run_events BEGIN
    DELETE FROM run_search WHERE rowid = old.id;
  END;
`;
