// Runs, their append-only events (seq per run) and their per-model usage in SQLite.
import {
  DEFAULT_RUN_POLICY,
  type ModelUsage,
  type Run,
  type RunEvent,
  type RunPlace,
  type RunStatus,
  type RunTrigger,
  type TriggerKind,
} from '../../../shared/domain';
import type { DistributiveOmit } from '../../../shared/typing';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';
import { timed } from './database';
import { parseJson, toJson } from './json';
import { RunEventStore, type EventPage } from './run-events';

interface RunRow {
  id: string;
  task_id: string;
  task_title: string;
  status: string;
  prompt: string;
  files: string;
  session_id: string | null;
  session_started: number;
  parent_run_id: string | null;
  workdir: string | null;
  trigger_kind: string;
  trigger_detail: string | null;
  trigger_id: string | null;
  model: string | null;
  cost_usd: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  num_turns: number;
  result: string | null;
  error: string | null;
  held_reason: string | null;
  parked_until: number | null;
  plan_window: string | null;
  pid: number | null;
  pid_started_at: number | null;
  stalled_at: number | null;
  retry_at: number | null;
  place: string | null;
  retry_limit: number | null;
  started_anyway: number;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

/** What the engine knows about a run beyond what the API shows. */
export interface RunRecord extends Run {
  files: string[];
  /** Claude Code has written this session's transcript, so it can be resumed. */
  sessionStarted: boolean;
  pid: number | null;
  /** When the engine spawned `pid` (epoch ms), to tell it from a later process given that PID. */
  pidStartedAt: number | null;
  /** The person started it anyway: no hold or budget applies to it. */
  startedAnyway: boolean;
}

export interface NewRun {
  id: string;
  taskId: string;
  prompt: string;
  files: string[];
  sessionId: string;
  sessionStarted: boolean;
  parentRunId: string | null;
  /** Inherited from the parent run, so a follow-up works where its session did. */
  workdir?: string | null;
  trigger: RunTrigger;
  model: string | null;
  createdAt: number;
}

/** What a run's writer may change: most of the public fields, plus what only the engine keeps. */
export type RunPatch = Partial<
  Pick<
    Run,
    | 'status'
    | 'model'
    | 'costUsd'
    | 'usage'
    | 'numTurns'
    | 'result'
    | 'error'
    | 'heldReason'
    | 'parkedUntil'
    | 'planWindow'
    | 'stalledAt'
    | 'retryAt'
    | 'place'
    | 'startedAt'
    | 'endedAt'
  > & {
    sessionId: string;
    sessionStarted: boolean;
    workdir: string;
    pid: number | null;
    pidStartedAt: number | null;
    startedAnyway: boolean;
  }
>;

/** Run ids per query when loading usage (well under SQLite's bound-parameter limit). */
const USAGE_CHUNK = 500;

// The retry limit comes with the run so that "retry 1 of 2" needs no second look-up.
const RETRY_LIMIT = `json_extract(t.run_policy, '$.transientRetries') AS retry_limit`;
const SELECT_RUN = `SELECT r.*, t.title AS task_title, ${RETRY_LIMIT}
  FROM runs r JOIN tasks t ON t.id = r.task_id`;

/** Lists carry this much of each final answer; runs.get has it whole. */
export const RESULT_PREVIEW_CHARS = 500;
const SELECT_RUN_PREVIEW = `SELECT r.*, t.title AS task_title, ${RETRY_LIMIT},
    substr(r.result, 1, ${RESULT_PREVIEW_CHARS + 1}) AS result_preview
  FROM runs r JOIN tasks t ON t.id = r.task_id`;

/** Statements kept at most; past it the cache starts over (IN lists vary in length). */
const STATEMENT_CACHE_SIZE = 200;

export class RunStore {
  private readonly statements = new Map<string, Statement>();
  private readonly eventStore: RunEventStore;

  constructor(private readonly db: Db) {
    this.eventStore = new RunEventStore(db);
  }

  insert(run: NewRun): void {
    this.statement(
      `INSERT INTO runs (id, task_id, status, prompt, files, session_id, session_started,
           parent_run_id, workdir, trigger_kind, trigger_detail, trigger_id, model, created_at)
         VALUES (?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      run.id,
      run.taskId,
      run.prompt,
      toJson(run.files),
      run.sessionId,
      run.sessionStarted ? 1 : 0,
      run.parentRunId,
      run.workdir ?? null,
      run.trigger.kind,
      run.trigger.detail === undefined ? null : toJson(run.trigger.detail),
      run.trigger.triggerId ?? null,
      run.model,
      run.createdAt,
    );
  }

  get(id: string): RunRecord | undefined {
    const row = this.statement<[string], RunRow>(`${SELECT_RUN} WHERE r.id = ?`).get(id);
    return row ? this.toRecords([row])[0] : undefined;
  }

  list(filter: { taskId?: string; status?: RunStatus; limit?: number }): RunRecord[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.taskId !== undefined) {
      where.push('r.task_id = ?');
      args.push(filter.taskId);
    }
    if (filter.status !== undefined) {
      where.push('r.status = ?');
      args.push(filter.status);
    }
    const sql = `${SELECT_RUN_PREVIEW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?`;
    args.push(filter.limit ?? 100);
    return timed('runs.list', () =>
      this.toRecords(
        this.statement<(string | number)[], RunRow & { result_preview: string | null }>(sql)
          .all(...args)
          .map(({ result_preview: preview, ...row }) => ({ ...row, result: previewOf(preview) })),
      ),
    );
  }

  withStatus(statuses: readonly RunStatus[]): RunRecord[] {
    const marks = statuses.map(() => '?').join(', ');
    return this.toRecords(
      this.db
        .prepare<string[], RunRow>(
          `${SELECT_RUN} WHERE r.status IN (${marks}) ORDER BY r.created_at`,
        )
        .all(...statuses),
    );
  }

  /** Failed runs whose retry is still to come (retryAt set). */
  withRetryPending(): RunRecord[] {
    return this.toRecords(
      this.db.prepare<[], RunRow>(`${SELECT_RUN} WHERE r.retry_at IS NOT NULL`).all(),
    );
  }

  withPid(): RunRecord[] {
    return this.toRecords(
      this.db.prepare<[], RunRow>(`${SELECT_RUN} WHERE r.pid IS NOT NULL`).all(),
    );
  }

  update(id: string, patch: RunPatch): void {
    const sets: string[] = [];
    const args: (string | number | null)[] = [];
    const set = (column: string, value: string | number | null) => {
      sets.push(`${column} = ?`);
      args.push(value);
    };
    if (patch.status !== undefined) set('status', patch.status);
    if (patch.sessionId !== undefined) set('session_id', patch.sessionId);
    if (patch.sessionStarted !== undefined) set('session_started', patch.sessionStarted ? 1 : 0);
    if (patch.workdir !== undefined) set('workdir', patch.workdir);
    if (patch.model !== undefined) set('model', patch.model);
    if (patch.costUsd !== undefined) set('cost_usd', patch.costUsd);
    if (patch.usage !== undefined) {
      set('input_tokens', patch.usage.inputTokens);
      set('output_tokens', patch.usage.outputTokens);
      set('cache_read_input_tokens', patch.usage.cacheReadInputTokens);
      set('cache_creation_input_tokens', patch.usage.cacheCreationInputTokens);
    }
    if (patch.numTurns !== undefined) set('num_turns', patch.numTurns);
    if (patch.result !== undefined) set('result', patch.result);
    if (patch.error !== undefined) set('error', patch.error);
    if (patch.heldReason !== undefined) set('held_reason', patch.heldReason);
    if (patch.parkedUntil !== undefined) set('parked_until', patch.parkedUntil);
    if (patch.planWindow !== undefined) set('plan_window', patch.planWindow);
    if (patch.pid !== undefined) set('pid', patch.pid);
    if (patch.pidStartedAt !== undefined) set('pid_started_at', patch.pidStartedAt);
    if (patch.stalledAt !== undefined) set('stalled_at', patch.stalledAt);
    if (patch.retryAt !== undefined) set('retry_at', patch.retryAt);
    if (patch.place !== undefined) set('place', patch.place === null ? null : toJson(patch.place));
    if (patch.startedAnyway !== undefined) set('started_anyway', patch.startedAnyway ? 1 : 0);
    if (patch.startedAt !== undefined) set('started_at', patch.startedAt);
    if (patch.endedAt !== undefined) set('ended_at', patch.endedAt);
    if (sets.length === 0) return;
    args.push(id);
    this.statement(`UPDATE runs SET ${sets.join(', ')} WHERE id = ?`).run(...args);
  }

  /** Replaces the run's per-model usage with Claude Code's latest cumulative figures. */
  setModelUsage(runId: string, usage: ModelUsage[]): void {
    const remove = this.statement('DELETE FROM run_model_usage WHERE run_id = ?');
    const insert = this.statement(
      `INSERT INTO run_model_usage (run_id, model, input_tokens, output_tokens,
         cache_read_input_tokens, cache_creation_input_tokens, cost_usd)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      remove.run(runId);
      for (const u of usage) {
        insert.run(
          runId,
          u.model,
          u.inputTokens,
          u.outputTokens,
          u.cacheReadInputTokens,
          u.cacheCreationInputTokens,
          u.costUsd,
        );
      }
    })();
  }

  /** Per-model usage of many runs in one query per chunk (not one per run), by run id. */
  private modelUsageOf(runIds: string[]): Map<string, ModelUsage[]> {
    const byRun = new Map<string, ModelUsage[]>();
    for (let start = 0; start < runIds.length; start += USAGE_CHUNK) {
      const chunk = runIds.slice(start, start + USAGE_CHUNK);
      const marks = chunk.map(() => '?').join(', ');
      const rows = this.statement<string[], ModelUsageRow & { run_id: string }>(
        `SELECT * FROM run_model_usage WHERE run_id IN (${marks}) ORDER BY model`,
      ).all(...chunk);
      for (const row of rows) {
        const list = byRun.get(row.run_id) ?? [];
        list.push(toModelUsage(row));
        byRun.set(row.run_id, list);
      }
    }
    return byRun;
  }

  /** Appends one event and returns it with its seq; seqs are consecutive per run. */
  appendEvent(event: NewRunEvent): RunEvent {
    return this.eventStore.append(event);
  }

  /** A page of the run's events in seq order: from the start (afterSeq) or the end (tail). */
  events(runId: string, afterSeq = 0, limit = 100_000, page: EventPage = {}): RunEvent[] {
    return this.eventStore.read(runId, { afterSeq, limit, ...page });
  }

  /** The transcript store itself: batching, paging from the end and retention. */
  get eventLog(): RunEventStore {
    return this.eventStore;
  }

  /** One prepared statement per SQL text, kept: preparing on every call cost more than the query. */
  private statement<P extends unknown[], R = unknown>(sql: string): Statement<P, R> {
    let cached = this.statements.get(sql);
    if (!cached) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      cached = this.db.prepare(sql);
      this.statements.set(sql, cached);
    }
    return cached as Statement<P, R>;
  }

  private toRecords(rows: RunRow[]): RunRecord[] {
    const usage = this.modelUsageOf(rows.map((row) => row.id));
    return rows.map((row) => this.toRecord(row, usage.get(row.id) ?? []));
  }

  private toRecord(row: RunRow, modelUsage: ModelUsage[]): RunRecord {
    const detail = parseJson<Record<string, unknown> | null>(row.trigger_detail, null);
    const trigger: RunTrigger = { kind: row.trigger_kind as TriggerKind };
    if (detail) trigger.detail = detail;
    if (row.trigger_id) trigger.triggerId = row.trigger_id;
    return {
      id: row.id,
      taskId: row.task_id,
      taskTitle: row.task_title,
      status: row.status as RunStatus,
      prompt: row.prompt,
      files: parseJson<string[]>(row.files, []),
      sessionId: row.session_id,
      sessionStarted: row.session_started === 1,
      parentRunId: row.parent_run_id,
      workdir: row.workdir,
      trigger,
      model: row.model,
      costUsd: row.cost_usd,
      usage: {
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        cacheReadInputTokens: row.cache_read_input_tokens,
        cacheCreationInputTokens: row.cache_creation_input_tokens,
      },
      modelUsage,
      numTurns: row.num_turns,
      result: row.result,
      error: row.error,
      heldReason: row.held_reason,
      parkedUntil: row.parked_until ?? null,
      planWindow: row.plan_window ?? null,
      pid: row.pid,
      pidStartedAt: row.pid_started_at,
      stalledAt: row.stalled_at,
      retryAt: row.retry_at ?? null,
      place: parseJson<RunPlace | null>(row.place ?? null, null),
      retryLimit: row.retry_limit ?? DEFAULT_RUN_POLICY.transientRetries,
      startedAnyway: row.started_anyway === 1,
      createdAt: row.created_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
    };
  }
}

export type NewRunEvent = DistributiveOmit<RunEvent, 'seq'>;

interface ModelUsageRow {
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  cost_usd: number;
}

function toModelUsage(row: ModelUsageRow): ModelUsage {
  return {
    model: row.model,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadInputTokens: row.cache_read_input_tokens,
    cacheCreationInputTokens: row.cache_creation_input_tokens,
    costUsd: row.cost_usd,
  };
}

/** Strips engine-only fields before a run crosses the API. */
export function toPublicRun(record: RunRecord): Run {
  const {
    files: _files,
    sessionStarted: _started,
    pid: _pid,
    pidStartedAt: _pidStartedAt,
    startedAnyway: _startedAnyway,
    ...run
  } = record;
  return run;
}

/** The start of a final answer, marked with an ellipsis when there is more. */
function previewOf(text: string | null): string | null {
  if (text === null || text.length <= RESULT_PREVIEW_CHARS) return text;
  return `${text.slice(0, RESULT_PREVIEW_CHARS)}…`;
}
