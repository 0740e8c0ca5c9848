// Migration 1, as shipped: never edit it (tests/unit/engine/store/migrations.test.ts checks
// its hash). A change to the schema is a new migration.
//
// Tasks, runs, their events, approvals and per-model usage.
export const sql = `
  CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    prompt TEXT NOT NULL,
    cwd TEXT NOT NULL,
    model TEXT,
    permission_mode TEXT NOT NULL,
    allowed_tools TEXT NOT NULL DEFAULT '[]',
    disallowed_tools TEXT NOT NULL DEFAULT '[]',
    max_turns INTEGER,
    max_budget_usd REAL,
    append_system_prompt TEXT,
    secret_env TEXT NOT NULL DEFAULT '[]',
    isolation TEXT NOT NULL DEFAULT 'none',
    overlap_policy TEXT NOT NULL DEFAULT 'skip',
    always_allowed_tools TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
  );

  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES tasks(id),
    status TEXT NOT NULL,
    prompt TEXT NOT NULL,
    files TEXT NOT NULL DEFAULT '[]',
    session_id TEXT,
    session_started INTEGER NOT NULL DEFAULT 0,
    parent_run_id TEXT REFERENCES runs(id),
    trigger_kind TEXT NOT NULL,
    trigger_detail TEXT,
    trigger_id TEXT,
    model TEXT,
    cost_usd REAL NOT NULL DEFAULT 0,
    input_tokens INTEGER NOT NULL DEFAULT 0,
    output_tokens INTEGER NOT NULL DEFAULT 0,
    cache_read_input_tokens INTEGER NOT NULL DEFAULT 0,
    cache_creation_input_tokens INTEGER NOT NULL DEFAULT 0,
    num_turns INTEGER NOT NULL DEFAULT 0,
    result TEXT,
    error TEXT,
    held_reason TEXT,
    pid INTEGER,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    ended_at INTEGER
  );
  CREATE INDEX runs_by_task ON runs(task_id, created_at DESC);
  CREATE INDEX runs_by_status ON runs(status);
  CREATE INDEX runs_by_created ON runs(created_at DESC);
  CREATE INDEX runs_by_ended ON runs(ended_at);

  CREATE TABLE run_events (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (run_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE approvals (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    tool_name TEXT NOT NULL,
    tool_use_id TEXT,
    input TEXT NOT NULL,
    title TEXT,
    description TEXT,
    questions TEXT,
    status TEXT NOT NULL,
    message TEXT,
    answers TEXT,
    always INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    decided_at INTEGER
  );
  CREATE INDEX approvals_by_status ON approvals(status, created_at);
  CREATE INDEX approvals_by_run ON approvals(run_id);

  CREATE TABLE run_model_usage (
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_read_input_tokens INTEGER NOT NULL,
    cache_creation_input_tokens INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    PRIMARY KEY (run_id, model)
  );
  `;
