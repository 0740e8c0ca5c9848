// Migration 25, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Pull requests opened from worktree runs: one per branch of a repository (every run of the
// conversation works on that branch), with GitHub's state and checks as last polled.
export const sql = `CREATE TABLE pull_requests (
  repo_root TEXT NOT NULL,
  branch TEXT NOT NULL,
  run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  api_url TEXT NOT NULL,
  repository TEXT NOT NULL,
  remote TEXT NOT NULL,
  number INTEGER NOT NULL,
  url TEXT NOT NULL,
  title TEXT NOT NULL,
  base_branch TEXT NOT NULL,
  state TEXT NOT NULL,
  draft INTEGER NOT NULL DEFAULT 0,
  head_sha TEXT NOT NULL,
  checks TEXT NOT NULL DEFAULT '[]',
  opened_at INTEGER NOT NULL,
  pushed_at INTEGER NOT NULL,
  refreshed_at INTEGER,
  refresh_error TEXT,
  PRIMARY KEY (repo_root, branch)
);
CREATE INDEX pull_requests_by_state ON pull_requests(state);
CREATE INDEX pull_requests_by_run ON pull_requests(run_id);
`;
