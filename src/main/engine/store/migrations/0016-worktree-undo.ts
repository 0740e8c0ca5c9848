// Migration 16, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// What a task delete and a worktree merge replaced, so each can be undone exactly: a deleted
// task's unmerged worktree branches (kept, or removed only by name), and the commit a merge moved
// its target branch from.
export const sql = `
  CREATE TABLE task_deletions (
    task_id TEXT PRIMARY KEY REFERENCES tasks(id),
    deleted_at INTEGER NOT NULL,
    branches TEXT NOT NULL DEFAULT '[]',
    settled_at INTEGER
  );
  CREATE TABLE merge_undos (
    run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    record TEXT NOT NULL,
    merged_at INTEGER NOT NULL,
    undone_at INTEGER
  );
  
`;
