// Migration 15, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// The person started this run anyway ("Run anyway"): no hold or budget applies to it, and
// that outlives a restart of the engine.
export const sql = `
  ALTER TABLE runs ADD COLUMN started_anyway INTEGER NOT NULL DEFAULT 0;
  `;
