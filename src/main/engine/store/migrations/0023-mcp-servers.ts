// Migration 23, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// The MCP server library (one row per saved server, its settings as JSON; secret values are never
// here, only the names of keychain secrets) and which of them each task attaches.
export const sql = `CREATE TABLE mcp_servers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  config TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
ALTER TABLE tasks ADD COLUMN mcp_server_ids TEXT NOT NULL DEFAULT '[]';
`;
