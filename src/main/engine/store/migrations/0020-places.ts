// Migration 20, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Places: where a task's runs happen. A place is saved once (its kind and its settings as JSON,
// and for an SSH host the host keys the person accepted); a task names its place (none: this
// machine); a run records the place it ran in, as it was then (id, name, kind), so lists keep
// saying where it ran after the place is renamed or deleted.
export const sql = `
  CREATE TABLE places (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    config TEXT NOT NULL,
    host_keys TEXT,
    host_key_fingerprint TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  ALTER TABLE tasks ADD COLUMN place_id TEXT;
  ALTER TABLE runs ADD COLUMN place TEXT;
  `;
