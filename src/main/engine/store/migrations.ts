// Numbered schema migrations. Append new ones; never edit one that has shipped.

/** Migration 9: the local calendar day a run's spend counts on (store/cost-days.ts asks the same). */
export const spendDay = (run: string) =>
  `strftime('%Y-%m-%d', COALESCE(${run}.ended_at, ${run}.started_at, ${run}.created_at) / 1000, 'unixepoch', 'localtime')`;

/** Migration 9: an INSERT of one run's usage into cost_days adds to the day's row if it has one. */
const ADD_TO_DAY_ROLLUP = `ON CONFLICT (day, task_id, model) DO UPDATE SET
        runs = runs + 1,
        cost_usd = cost_usd + excluded.cost_usd,
        input_tokens = input_tokens + excluded.input_tokens,
        output_tokens = output_tokens + excluded.output_tokens,
        cache_read_input_tokens = cache_read_input_tokens + excluded.cache_read_input_tokens,
        cache_creation_input_tokens = cache_creation_input_tokens + excluded.cache_creation_input_tokens;`;

/** Migration 9 (in a trigger on run_model_usage): OLD's figures leave its day's row, gone at 0. */
const TAKE_OLD_USAGE_OFF_ITS_DAY = `UPDATE cost_days SET
        runs = runs - 1,
        cost_usd = cost_usd - OLD.cost_usd,
        input_tokens = input_tokens - OLD.input_tokens,
        output_tokens = output_tokens - OLD.output_tokens,
        cache_read_input_tokens = cache_read_input_tokens - OLD.cache_read_input_tokens,
        cache_creation_input_tokens = cache_creation_input_tokens - OLD.cache_creation_input_tokens
      WHERE (day, task_id, model) =
        (SELECT ${spendDay('r')}, r.task_id, OLD.model FROM runs r WHERE r.id = OLD.run_id);
    DELETE FROM cost_days WHERE runs <= 0 AND (day, task_id, model) =
      (SELECT ${spendDay('r')}, r.task_id, OLD.model FROM runs r WHERE r.id = OLD.run_id);`;

/** Migrations 1 and 9: the token counts of run_model_usage and of its per-day rollup cost_days,
 *  written once so the two stay in step (the rollup copies them across in this order). */
const TOKEN_COUNT_COLUMNS = `input_tokens INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    cache_read_input_tokens INTEGER NOT NULL,
    cache_creation_input_tokens INTEGER NOT NULL,`;

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
    ${TOKEN_COUNT_COLUMNS}
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
  // 9: spend rolled up per local calendar day, task and model (costs.summary reads whole days
  // from here instead of every run), kept in step by triggers in the writer's own transaction.
  // `runs` counts usage rows (cost_days) or runs with usage (cost_day_runs); a row goes at zero.
  // Days are the engine's local time when written; store_meta says which zone (the store
  // rebuilds the rollups when it opens in another one).
  `
  CREATE TABLE cost_days (
    day TEXT NOT NULL,
    task_id TEXT NOT NULL,
    model TEXT NOT NULL,
    runs INTEGER NOT NULL,
    cost_usd REAL NOT NULL,
    ${TOKEN_COUNT_COLUMNS}
    PRIMARY KEY (day, task_id, model)
  ) WITHOUT ROWID;
  CREATE TABLE cost_day_runs (
    day TEXT NOT NULL,
    task_id TEXT NOT NULL,
    runs INTEGER NOT NULL,
    PRIMARY KEY (day, task_id)
  ) WITHOUT ROWID;
  CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  INSERT INTO cost_days
    SELECT ${spendDay('r')}, r.task_id, u.model, COUNT(*), SUM(u.cost_usd), SUM(u.input_tokens),
           SUM(u.output_tokens), SUM(u.cache_read_input_tokens), SUM(u.cache_creation_input_tokens)
    FROM run_model_usage u JOIN runs r ON r.id = u.run_id
    GROUP BY 1, 2, 3;
  INSERT INTO cost_day_runs
    SELECT ${spendDay('r')}, r.task_id, COUNT(*) FROM runs r
    WHERE EXISTS (SELECT 1 FROM run_model_usage u WHERE u.run_id = r.id)
    GROUP BY 1, 2;

  CREATE TRIGGER cost_days_usage_added AFTER INSERT ON run_model_usage BEGIN
    INSERT INTO cost_days
      SELECT ${spendDay('r')}, r.task_id, NEW.model, 1, NEW.cost_usd, NEW.input_tokens,
             NEW.output_tokens, NEW.cache_read_input_tokens, NEW.cache_creation_input_tokens
      FROM runs r WHERE r.id = NEW.run_id
      ${ADD_TO_DAY_ROLLUP}
    INSERT INTO cost_day_runs
      SELECT ${spendDay('r')}, r.task_id, 1 FROM runs r
      WHERE r.id = NEW.run_id AND (SELECT COUNT(*) FROM run_model_usage WHERE run_id = NEW.run_id) = 1
      ON CONFLICT (day, task_id) DO UPDATE SET runs = runs + 1;
  END;

  CREATE TRIGGER cost_days_usage_removed AFTER DELETE ON run_model_usage BEGIN
    ${TAKE_OLD_USAGE_OFF_ITS_DAY}
    UPDATE cost_day_runs SET runs = runs - 1
      WHERE (day, task_id) = (SELECT ${spendDay('r')}, r.task_id FROM runs r WHERE r.id = OLD.run_id)
        AND NOT EXISTS (SELECT 1 FROM run_model_usage WHERE run_id = OLD.run_id);
    DELETE FROM cost_day_runs WHERE runs <= 0 AND (day, task_id) =
      (SELECT ${spendDay('r')}, r.task_id FROM runs r WHERE r.id = OLD.run_id);
  END;

  -- Usage rows are replaced rather than updated; an update still counts as a removal and an add.
  CREATE TRIGGER cost_days_usage_changed AFTER UPDATE ON run_model_usage BEGIN
    ${TAKE_OLD_USAGE_OFF_ITS_DAY}
    INSERT INTO cost_days
      SELECT ${spendDay('r')}, r.task_id, NEW.model, 1, NEW.cost_usd, NEW.input_tokens,
             NEW.output_tokens, NEW.cache_read_input_tokens, NEW.cache_creation_input_tokens
      FROM runs r WHERE r.id = NEW.run_id
      ${ADD_TO_DAY_ROLLUP}
    UPDATE cost_day_runs SET runs = runs - 1
      WHERE OLD.run_id IS NOT NEW.run_id
        AND (day, task_id) = (SELECT ${spendDay('r')}, r.task_id FROM runs r WHERE r.id = OLD.run_id)
        AND NOT EXISTS (SELECT 1 FROM run_model_usage WHERE run_id = OLD.run_id);
    DELETE FROM cost_day_runs WHERE runs <= 0 AND (day, task_id) =
      (SELECT ${spendDay('r')}, r.task_id FROM runs r WHERE r.id = OLD.run_id);
    INSERT INTO cost_day_runs
      SELECT ${spendDay('r')}, r.task_id, 1 FROM runs r
      WHERE OLD.run_id IS NOT NEW.run_id AND r.id = NEW.run_id
        AND (SELECT COUNT(*) FROM run_model_usage WHERE run_id = NEW.run_id) = 1
      ON CONFLICT (day, task_id) DO UPDATE SET runs = runs + 1;
  END;

  -- A run's spend time (its end, else its start, else its creation) or task moved: so does its usage.
  CREATE TRIGGER cost_days_run_moved
    AFTER UPDATE OF created_at, started_at, ended_at, task_id ON runs
    WHEN OLD.task_id IS NOT NEW.task_id
      OR ${spendDay('OLD')} IS NOT ${spendDay('NEW')}
  BEGIN
    UPDATE cost_days SET
        runs = runs - 1,
        cost_usd = cost_usd - (SELECT u.cost_usd FROM run_model_usage u
          WHERE u.run_id = OLD.id AND u.model = cost_days.model),
        input_tokens = input_tokens - (SELECT u.input_tokens FROM run_model_usage u
          WHERE u.run_id = OLD.id AND u.model = cost_days.model),
        output_tokens = output_tokens - (SELECT u.output_tokens FROM run_model_usage u
          WHERE u.run_id = OLD.id AND u.model = cost_days.model),
        cache_read_input_tokens = cache_read_input_tokens - (SELECT u.cache_read_input_tokens
          FROM run_model_usage u WHERE u.run_id = OLD.id AND u.model = cost_days.model),
        cache_creation_input_tokens = cache_creation_input_tokens - (SELECT
          u.cache_creation_input_tokens FROM run_model_usage u
          WHERE u.run_id = OLD.id AND u.model = cost_days.model)
      WHERE day = ${spendDay('OLD')} AND task_id = OLD.task_id
        AND model IN (SELECT model FROM run_model_usage WHERE run_id = OLD.id);
    DELETE FROM cost_days WHERE day = ${spendDay('OLD')} AND task_id = OLD.task_id AND runs <= 0;
    INSERT INTO cost_days
      SELECT ${spendDay('NEW')}, NEW.task_id, u.model, 1, u.cost_usd, u.input_tokens, u.output_tokens,
             u.cache_read_input_tokens, u.cache_creation_input_tokens
      FROM run_model_usage u WHERE u.run_id = NEW.id
      ${ADD_TO_DAY_ROLLUP}
    UPDATE cost_day_runs SET runs = runs - 1
      WHERE day = ${spendDay('OLD')} AND task_id = OLD.task_id
        AND EXISTS (SELECT 1 FROM run_model_usage WHERE run_id = OLD.id);
    DELETE FROM cost_day_runs WHERE day = ${spendDay('OLD')} AND task_id = OLD.task_id AND runs <= 0;
    INSERT INTO cost_day_runs
      SELECT ${spendDay('NEW')}, NEW.task_id, 1
      WHERE EXISTS (SELECT 1 FROM run_model_usage WHERE run_id = NEW.id)
      ON CONFLICT (day, task_id) DO UPDATE SET runs = runs + 1;
  END;

  -- A deleted run takes its usage with it while the run row can still say which day it was in.
  CREATE TRIGGER cost_days_run_deleted BEFORE DELETE ON runs BEGIN
    DELETE FROM run_model_usage WHERE run_id = OLD.id;
  END;
  `,
  // 10: runs newest first with their status in the index, so a status filter (Home's recent
  // finished runs) reads index entries only instead of sorting every run of those statuses.
  `
  CREATE INDEX runs_by_created_status ON runs(created_at, status);
  `,
  // 11: a session's runs found by index: what a resumed session already spent (its runs' costs,
  // subtracted from Claude Code's restored totals) and runs.thread.
  `
  CREATE INDEX runs_by_session ON runs(session_id);
  `,
  // 12: runs outside git keep their start and end in a shadow repository of their folder.
  `
  ALTER TABLE run_reviews ADD COLUMN shadow_git_dir TEXT;
  `,
  // 13: a transient failure's retry still counting down, so a stop or crash does not lose it.
  `
  ALTER TABLE runs ADD COLUMN retry_at INTEGER;
  `,
  // 14: when a run's start and end snapshots (refs, saved files) were pruned, so its diff can say
  // why it is gone and the pruning pass reads only the reviews still holding snapshots.
  `
  ALTER TABLE run_reviews ADD COLUMN snapshots_pruned_at INTEGER;
  CREATE INDEX run_reviews_unpruned ON run_reviews(run_id) WHERE snapshots_pruned_at IS NULL;
  `,
  // 15: the person started this run anyway ("Run anyway"): no hold or budget applies to it, and
  // that outlives a restart of the engine.
  `
  ALTER TABLE runs ADD COLUMN started_anyway INTEGER NOT NULL DEFAULT 0;
  `,
  // Untrusted input: webhook secrets derived from a salt (so GitHub signatures can be checked),
  // the delivery ids seen in the last 24 h (a repeated delivery starts no second run), and the
  // person's decision on each folder's own Claude Code settings (by a hash of those settings),
  // and whether a task's sessions may reach the OS keychain (off unless the person opts in).
  `
  ALTER TABLE triggers ADD COLUMN secret_salt TEXT;
  ALTER TABLE tasks ADD COLUMN keychain_access INTEGER NOT NULL DEFAULT 0;
  CREATE TABLE webhook_deliveries (
    trigger_id TEXT NOT NULL REFERENCES triggers(id) ON DELETE CASCADE,
    delivery_id TEXT NOT NULL,
    request_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    run_id TEXT,
    firing_id INTEGER,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (trigger_id, delivery_id)
  );
  CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries(received_at);
  CREATE TABLE folder_trust (
    folder TEXT PRIMARY KEY,
    settings_hash TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('trusted', 'ignored')),
    decided_at INTEGER NOT NULL
  );
  `,
];
