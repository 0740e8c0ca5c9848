// Migration 4, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Reviewing what runs changed: the task option, and per run the git commits (or saved
// files) it started and ended at, its worktree and branch, and the person's decision.
export const sql = `
  ALTER TABLE tasks ADD COLUMN review_each_run INTEGER;

  CREATE TABLE run_reviews (
    run_id TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    repo_root TEXT,
    workdir TEXT NOT NULL,
    worktree TEXT,
    branch TEXT,
    base_branch TEXT,
    base_commit TEXT,
    start_ref TEXT,
    end_ref TEXT,
    state_dir TEXT NOT NULL,
    status TEXT,
    file_count INTEGER NOT NULL DEFAULT 0,
    conflict_files TEXT NOT NULL DEFAULT '[]',
    message TEXT,
    feedback TEXT,
    follow_up_run_id TEXT,
    created_at INTEGER NOT NULL,
    decided_at INTEGER
  );
  CREATE INDEX run_reviews_by_status ON run_reviews(status);
  `;
