// Migration 17, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// The allow rules an "Always allow" added to its task (Claude Code's rule syntax), so the panel
// says what was allowed and its Undo takes back exactly those.
export const sql = `
  ALTER TABLE approvals ADD COLUMN always_rules TEXT;
  `;
