// Tasks in SQLite. Deleting a task hides it but keeps its runs, so history and costs stay true.
import {
  DEFAULT_RUN_POLICY,
  type RunPolicy,
  type Isolation,
  type OverlapPolicy,
  type PermissionMode,
  type RunStatus,
  type Task,
  type TriggerKind,
} from '../../../shared/domain';
import type { Db } from './database';
import { parseJson, toJson } from './json';

interface TaskRow {
  id: string;
  title: string;
  prompt: string;
  cwd: string;
  model: string | null;
  permission_mode: string;
  allowed_tools: string;
  disallowed_tools: string;
  max_turns: number | null;
  max_budget_usd: number | null;
  append_system_prompt: string | null;
  secret_env: string;
  isolation: string;
  overlap_policy: string;
  always_allowed_tools: string;
  review_each_run: number | null;
  keychain_access: number;
  sandbox: number;
  mcp_server_ids: string;
  skills: string;
  run_policy: string;
  place_id: string | null;
  created_at: number;
  updated_at: number;
  last_run_id: string | null;
  last_run_status: string | null;
  last_run_started_at: number | null;
  last_run_created_at: number | null;
  last_run_error: string | null;
  last_run_held_reason: string | null;
  last_run_parked_until: number | null;
  last_run_stalled_at: number | null;
  last_run_retry_at: number | null;
  last_run_trigger_kind: string | null;
  last_run_trigger_detail: string | null;
  last_run_plan_window: string | null;
}

export type TaskRecord = Omit<Task, 'lastRun'>;

const SELECT_TASK = `
  SELECT t.*, r.id AS last_run_id, r.status AS last_run_status,
         r.started_at AS last_run_started_at, r.created_at AS last_run_created_at,
         r.error AS last_run_error, r.held_reason AS last_run_held_reason,
         r.parked_until AS last_run_parked_until, r.stalled_at AS last_run_stalled_at,
         r.retry_at AS last_run_retry_at, r.trigger_kind AS last_run_trigger_kind,
         r.trigger_detail AS last_run_trigger_detail, r.plan_window AS last_run_plan_window
  FROM tasks t
  LEFT JOIN runs r ON r.id = (
    SELECT id FROM runs WHERE task_id = t.id ORDER BY created_at DESC, rowid DESC LIMIT 1
  )`;

function toTask(row: TaskRow): Task {
  const runPolicy = { ...DEFAULT_RUN_POLICY, ...parseJson<Partial<RunPolicy>>(row.run_policy, {}) };
  const triggerDetail = parseJson<Record<string, unknown> | null>(
    row.last_run_trigger_detail,
    null,
  );
  return {
    id: row.id,
    title: row.title,
    prompt: row.prompt,
    cwd: row.cwd,
    model: row.model,
    permissionMode: row.permission_mode as PermissionMode,
    allowedTools: parseJson<string[]>(row.allowed_tools, []),
    disallowedTools: parseJson<string[]>(row.disallowed_tools, []),
    maxTurns: row.max_turns,
    maxBudgetUsd: row.max_budget_usd,
    appendSystemPrompt: row.append_system_prompt,
    secretEnv: parseJson<string[]>(row.secret_env, []),
    isolation: row.isolation as Isolation,
    overlapPolicy: row.overlap_policy as OverlapPolicy,
    alwaysAllowedTools: parseJson<string[]>(row.always_allowed_tools, []),
    reviewEachRun: row.review_each_run === null ? null : row.review_each_run === 1,
    keychainAccess: row.keychain_access === 1,
    sandbox: row.sandbox === 1,
    runPolicy,
    placeId: row.place_id,
    mcpServerIds: parseJson<string[]>(row.mcp_server_ids, []),
    skills: parseJson<string[]>(row.skills, []),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastRun:
      row.last_run_id === null || row.last_run_created_at === null
        ? null
        : {
            id: row.last_run_id,
            taskId: row.id,
            status: row.last_run_status as RunStatus,
            error: row.last_run_error,
            heldReason: row.last_run_held_reason,
            parkedUntil: row.last_run_parked_until,
            stalledAt: row.last_run_stalled_at,
            retryAt: row.last_run_retry_at,
            retryLimit: runPolicy.transientRetries,
            trigger: {
              kind: (row.last_run_trigger_kind ?? 'manual') as TriggerKind,
              ...(triggerDetail ? { detail: triggerDetail } : {}),
            },
            planWindow: row.last_run_plan_window,
            startedAt: row.last_run_started_at,
            createdAt: row.last_run_created_at,
          },
  };
}

export class TaskStore {
  constructor(private readonly db: Db) {}

  insert(task: TaskRecord): void {
    this.db
      .prepare(
        `INSERT INTO tasks (id, title, prompt, cwd, model, permission_mode, allowed_tools,
           disallowed_tools, max_turns, max_budget_usd, append_system_prompt, secret_env, isolation,
           overlap_policy, always_allowed_tools, review_each_run, run_policy, keychain_access,
           place_id, mcp_server_ids, skills, sandbox, created_at, updated_at)
         VALUES (@id, @title, @prompt, @cwd, @model, @permissionMode, @allowedTools,
           @disallowedTools, @maxTurns, @maxBudgetUsd, @appendSystemPrompt, @secretEnv, @isolation,
           @overlapPolicy, @alwaysAllowedTools, @reviewEachRun, @runPolicy, @keychainAccess,
           @placeId, @mcpServerIds, @skills, @sandbox, @createdAt, @updatedAt)`,
      )
      .run(this.params(task));
  }

  update(task: TaskRecord): void {
    this.db
      .prepare(
        `UPDATE tasks SET title = @title, prompt = @prompt, cwd = @cwd, model = @model,
           permission_mode = @permissionMode, allowed_tools = @allowedTools,
           disallowed_tools = @disallowedTools, max_turns = @maxTurns,
           max_budget_usd = @maxBudgetUsd, append_system_prompt = @appendSystemPrompt,
           secret_env = @secretEnv, isolation = @isolation, overlap_policy = @overlapPolicy,
           always_allowed_tools = @alwaysAllowedTools, review_each_run = @reviewEachRun,
           run_policy = @runPolicy, keychain_access = @keychainAccess, place_id = @placeId,
           mcp_server_ids = @mcpServerIds, skills = @skills, sandbox = @sandbox,
           updated_at = @updatedAt
         WHERE id = @id AND deleted_at IS NULL`,
      )
      .run(this.params(task));
  }

  get(id: string): Task | undefined {
    const row = this.db
      .prepare<[string], TaskRow>(`${SELECT_TASK} WHERE t.id = ? AND t.deleted_at IS NULL`)
      .get(id);
    return row ? toTask(row) : undefined;
  }

  list(): Task[] {
    return this.db
      .prepare<[], TaskRow>(
        `${SELECT_TASK} WHERE t.deleted_at IS NULL ORDER BY t.title COLLATE NOCASE`,
      )
      .all()
      .map(toTask);
  }

  markDeleted(id: string, at: number): boolean {
    return (
      this.db
        .prepare('UPDATE tasks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL')
        .run(at, id).changes > 0
    );
  }

  /** A deleted task as it was (undo of a delete lists and restores it). */
  getDeleted(id: string): Task | undefined {
    const row = this.db
      .prepare<[string], TaskRow>(`${SELECT_TASK} WHERE t.id = ? AND t.deleted_at IS NOT NULL`)
      .get(id);
    return row ? toTask(row) : undefined;
  }

  /** Undoes markDeleted. */
  restore(id: string): boolean {
    return (
      this.db
        .prepare('UPDATE tasks SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL')
        .run(id).changes > 0
    );
  }

  private params(task: TaskRecord): Record<string, unknown> {
    return {
      ...task,
      allowedTools: toJson(task.allowedTools),
      disallowedTools: toJson(task.disallowedTools),
      secretEnv: toJson(task.secretEnv),
      alwaysAllowedTools: toJson(task.alwaysAllowedTools),
      reviewEachRun: task.reviewEachRun === null ? null : task.reviewEachRun ? 1 : 0,
      runPolicy: toJson(task.runPolicy),
      keychainAccess: task.keychainAccess ? 1 : 0,
      sandbox: task.sandbox ? 1 : 0,
      mcpServerIds: toJson(task.mcpServerIds),
      skills: toJson(task.skills),
    };
  }
}
