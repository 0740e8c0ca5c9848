// Migration 13, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// A transient failure's retry still counting down, so a stop or crash does not lose it.
export const sql = `
  ALTER TABLE runs ADD COLUMN retry_at INTEGER;
  `;
