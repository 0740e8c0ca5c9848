// Migration 10, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Runs newest first with their status in the index, so a status filter (Home's recent
// finished runs) reads index entries only instead of sorting every run of those statuses.
export const sql = `
  CREATE INDEX runs_by_created_status ON runs(created_at, status);
  `;
