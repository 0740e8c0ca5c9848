// Numbered schema migrations. Append new ones; never edit one that has shipped.

export const MIGRATIONS: readonly string[] = [
  // 1: tasks, runs, their events, approvals and per-model usage.
  `
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
  `,
  // 2: triggers (cron, folder watch, webhook) and the record of every firing.
  `
  CREATE TABLE triggers (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES tasks(id),
    kind TEXT NOT NULL,
    config TEXT NOT NULL,
    secret_hash TEXT,
    enabled INTEGER NOT NULL DEFAULT 1,
    cursor_at INTEGER NOT NULL,
    fired_count INTEGER NOT NULL DEFAULT 0,
    skipped_count INTEGER NOT NULL DEFAULT 0,
    last_fired_at INTEGER,
    last_skipped_at INTEGER,
    last_run_id TEXT,
    pending TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX triggers_by_task ON triggers(task_id);

  CREATE TABLE trigger_firings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    trigger_id TEXT NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    run_id TEXT,
    detail TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX trigger_firings_by_trigger ON trigger_firings(trigger_id, at DESC);
  `,
  // 3: the folder a run's session works in (the task's folder, or its own git worktree).
  `
  ALTER TABLE runs ADD COLUMN workdir TEXT;
  `,
  // 4: reviewing what runs changed: the task option, and per run the git commits (or saved
  // files) it started and ended at, its worktree and branch, and the person's decision.
  `
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
  `,
  // 5: runs parked until a plan window resets, the plan window their requests counted against,
  // and a trigger's own daily budget.
  `
  ALTER TABLE runs ADD COLUMN parked_until INTEGER;
  ALTER TABLE runs ADD COLUMN plan_window TEXT;
  ALTER TABLE triggers ADD COLUMN daily_budget_usd REAL;
  `,
  // 6: runs that survive: when the recorded Claude Code process started (to tell a reused PID),
  // when a run was flagged as stalled, when a stored decision was applied on resume, when a
  // pending request is denied by timeout, and each task's policy for interrupted or failed runs.
  `
  ALTER TABLE runs ADD COLUMN pid_started_at INTEGER;
  ALTER TABLE runs ADD COLUMN stalled_at INTEGER;
  ALTER TABLE approvals ADD COLUMN applied_at INTEGER;
  ALTER TABLE approvals ADD COLUMN expires_at INTEGER;
  ALTER TABLE tasks ADD COLUMN run_policy TEXT NOT NULL DEFAULT '{}';
  `,
  // 7: indexes for the spend queries (costs.summary, the budget check) and approvals.list, which
  // scanned every run or sorted every approval.
  `
  -- Covering: a run row also holds its (possibly long) answer, which a scan would have to read past.
  CREATE INDEX runs_by_spend_time
    ON runs(COALESCE(ended_at, started_at, created_at), cost_usd, task_id, id);
  CREATE INDEX approvals_by_created ON approvals(created_at);
  `,
  // 8: run_events as a rowid table. WITHOUT ROWID with a large data column left half the file
  // unused and overflowed many pages; rows now sit in insertion order, found by (run_id, seq).
  `
  CREATE TABLE run_events_rowid (
    id INTEGER PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL
  );
  INSERT INTO run_events_rowid (run_id, seq, ts, type, data)
    SELECT run_id, seq, ts, type, data FROM run_events ORDER BY run_id, seq;
  DROP TABLE run_events;
  ALTER TABLE run_events_rowid RENAME TO run_events;
  CREATE UNIQUE INDEX run_events_by_run ON run_events(run_id, seq);
  `,
  // 9: a transient failure's retry still counting down, so a stop or crash does not lose it.
  `
  ALTER TABLE runs ADD COLUMN retry_at INTEGER;
  `,
];
