// Migration 8, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Run_events as a rowid table. WITHOUT ROWID with a large data column left half the file
// unused and overflowed many pages; rows now sit in insertion order, found by (run_id, seq).
export const sql = `
  CREATE TABLE run_events_rowid (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL
  );
  INSERT INTO run_events_rowid (run_id, seq, ts, type, data)
    SELECT run_id, seq, ts, type, data FROM run_events ORDER BY run_id, seq;
  DROP TABLE run_events;
  ALTER TABLE run_events_rowid RENAME TO run_events;
  CREATE UNIQUE INDEX run_events_by_run ON run_events(run_id, seq);
  `;
