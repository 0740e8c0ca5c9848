// Migration 18, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Until when a run's last discard can be undone (what it replaced is kept in its state folder);
// cleared by the next review decision on the same folder.
export const sql = `
  ALTER TABLE run_reviews ADD COLUMN undo_until INTEGER;
  `;
