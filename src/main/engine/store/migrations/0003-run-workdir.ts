// Migration 3, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// The folder a run's session works in (the task's folder, or its own git worktree).
export const sql = `
  ALTER TABLE runs ADD COLUMN workdir TEXT;
  `;
