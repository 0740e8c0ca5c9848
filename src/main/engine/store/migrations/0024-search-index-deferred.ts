// Migration 24, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// New events are indexed for search after they are written instead of inside each write: FTS5's
// tokenising and segment merges made every batch of events about five times slower to write
// (bench/search.bench.ts). run_search_forward.indexed_to is the newest event id indexed; a
// background step indexes what lies above it, and a search first indexes whatever still waits,
// so nothing written is ever missing from a result. Deleting an event removes it from the index
// (FTS5 ignores an id it never took); deleting the newest events lowers the mark, since SQLite
// hands their ids out again to the next events.
export const sql = `
  DROP TRIGGER run_search_on_insert;
  CREATE TABLE run_search_forward (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_to INTEGER NOT NULL
  );
  INSERT INTO run_search_forward (id, indexed_to) SELECT 1, coalesce(max(id), 0) FROM run_events;
  DROP TRIGGER run_search_on_delete;
  CREATE TRIGGER run_search_on_delete AFTER DELETE ON run_events BEGIN
    DELETE FROM run_search WHERE rowid = old.id;
    UPDATE run_search_forward
      SET indexed_to = (SELECT coalesce(max(id), 0) FROM run_events)
      WHERE id = 1 AND indexed_to > (SELECT coalesce(max(id), 0) FROM run_events);
  END;
`;
