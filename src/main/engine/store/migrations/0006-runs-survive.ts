// Migration 6, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Runs that survive: when the recorded Claude Code process started (to tell a reused PID),
// when a run was flagged as stalled, when a stored decision was applied on resume, when a
// pending request is denied by timeout, and each task's policy for interrupted or failed runs.
export const sql = `
  ALTER TABLE runs ADD COLUMN pid_started_at INTEGER;
  ALTER TABLE runs ADD COLUMN stalled_at INTEGER;
  ALTER TABLE approvals ADD COLUMN applied_at INTEGER;
  ALTER TABLE approvals ADD COLUMN expires_at INTEGER;
  ALTER TABLE tasks ADD COLUMN run_policy TEXT NOT NULL DEFAULT '{}';
  `;
