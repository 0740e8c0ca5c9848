// Migration 5, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Runs parked until a plan window resets, the plan window their requests counted against,
// and a trigger's own daily budget.
export const sql = `
  ALTER TABLE runs ADD COLUMN parked_until INTEGER;
  ALTER TABLE runs ADD COLUMN plan_window TEXT;
  ALTER TABLE triggers ADD COLUMN daily_budget_usd REAL;
  `;
