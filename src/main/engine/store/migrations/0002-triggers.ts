// Migration 2, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Triggers (cron, folder watch, webhook) and the record of every firing.
export const sql = `
  CREATE TABLE triggers (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES tasks(id),
    kind TEXT NOT NULL,
    config TEXT NOT NULL,
    secret_hash TEXT,
    enabled INTEGER NOT NULL DEFAULT 1,
    cursor_at INTEGER NOT NULL,
    fired_count INTEGER NOT NULL DEFAULT 0,
    skipped_count INTEGER NOT NULL DEFAULT 0,
    last_fired_at INTEGER,
    last_skipped_at INTEGER,
    last_run_id TEXT,
    pending TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX triggers_by_task ON triggers(task_id);

  CREATE TABLE trigger_firings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    trigger_id TEXT NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    run_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX trigger_firings_by_trigger ON trigger_firings(trigger_id, at DESC);
  `;
