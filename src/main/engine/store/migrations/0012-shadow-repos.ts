// Migration 12, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Runs outside git keep their start and end in a shadow repository of their folder.
export const sql = `
  ALTER TABLE run_reviews ADD COLUMN shadow_git_dir TEXT;
  `;
