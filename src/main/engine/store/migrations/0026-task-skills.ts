// Migration 26, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Which library skills (by name; the skills themselves are folders in the data folder) each task
// attaches.
export const sql = `ALTER TABLE tasks ADD COLUMN skills TEXT NOT NULL DEFAULT '[]';
`;
