// Migration 11, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// A session's runs found by index: what a resumed session already spent (its runs' costs,
// subtracted from Claude Code's restored totals) and runs.thread.
export const sql = `
  CREATE INDEX runs_by_session ON runs(session_id);
  `;
