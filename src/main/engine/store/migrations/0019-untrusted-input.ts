// Migration 19, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Untrusted input: webhook secrets derived from a salt (so GitHub signatures can be checked),
// the delivery ids seen in the last 24 h (a repeated delivery starts no second run), the person's
// decision on each folder's own Claude Code settings (by a hash of those settings), and whether a
// task's sessions may reach the OS keychain (off unless the person opts in).
export const sql = `
  ALTER TABLE triggers ADD COLUMN secret_salt TEXT;
  ALTER TABLE tasks ADD COLUMN keychain_access INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE webhook_deliveries (
    trigger_id TEXT NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    delivery_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    run_id TEXT,
    firing_id INTEGER,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (trigger_id, delivery_id)
  );
  CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries(received_at);
  CREATE TABLE folder_trust (
    folder TEXT PRIMARY KEY,
    settings_hash TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('trusted', 'ignored')),
    decided_at INTEGER NOT NULL
  );
  `;
