// Migration 27, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// A task can run its shell commands in Claude Code's own sandbox (bubblewrap on Linux, Seatbelt
// on macOS): off for every task that existed before.
export const sql = `ALTER TABLE tasks ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0;
`;
