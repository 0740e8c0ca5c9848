// The spend queries behind costs.summary and the budgets.
import type { ModelUsage } from '../../../shared/domain';
import { CostDays } from './cost-days';
import type { Db } from './database';
import { timed } from './database';

/** One model's spend in one run. */
export interface CostRow extends ModelUsage {
  runId: string;
  taskId: string;
  taskTitle: string;
  /** When the spend is counted: the run's end, or its start while it is still going. */
  at: number;
}

/** What the runs of one Claude Code session have recorded: cost and per-model usage. */
export interface SessionSpend {
  costUsd: number;
  modelUsage: ModelUsage[];
}

export class CostStore {
  /** Whole days of spend, rolled up as runs are written. */
  readonly days: CostDays;

  constructor(private readonly db: Db) {
    this.days = new CostDays(db);
  }

  /** Per-run, per-model spend whose time falls in [from, to). */
  rows(from: number, to: number): CostRow[] {
    return timed('costs.rows', () =>
      this.db
        .prepare<[number, number], CostRow>(
          `SELECT r.id AS runId, r.task_id AS taskId, t.title AS taskTitle,
                  COALESCE(r.ended_at, r.started_at, r.created_at) AS at,
                  u.model AS model, u.cost_usd AS costUsd, u.input_tokens AS inputTokens,
                  u.output_tokens AS outputTokens,
                  u.cache_read_input_tokens AS cacheReadInputTokens,
                  u.cache_creation_input_tokens AS cacheCreationInputTokens
           FROM runs r
             -- CROSS JOIN keeps runs first, found by the spend-time index (migration 4).
             CROSS JOIN run_model_usage u ON u.run_id = r.id
             JOIN tasks t ON t.id = r.task_id
           WHERE COALESCE(r.ended_at, r.started_at, r.created_at) >= ?
             AND COALESCE(r.ended_at, r.started_at, r.created_at) < ?`,
        )
        .all(from, to),
    );
  }

  /** What the runs of one Claude Code session have recorded: total cost and per-model usage. */
  sessionSpend(sessionId: string): SessionSpend {
    const cost = this.db
      .prepare<[string], { total: number | null }>(
        'SELECT SUM(cost_usd) AS total FROM runs WHERE session_id = ?',
      )
      .get(sessionId);
    const modelUsage = this.db
      .prepare<[string], ModelUsage>(
        `SELECT u.model, SUM(u.input_tokens) AS inputTokens, SUM(u.output_tokens) AS outputTokens,
                SUM(u.cache_read_input_tokens) AS cacheReadInputTokens,
                SUM(u.cache_creation_input_tokens) AS cacheCreationInputTokens,
                SUM(u.cost_usd) AS costUsd
         FROM runs r JOIN run_model_usage u ON u.run_id = r.id
         WHERE r.session_id = ? GROUP BY u.model`,
      )
      .all(sessionId);
    return { costUsd: cost?.total ?? 0, modelUsage };
  }

  /** What the runs one trigger started spent in [from, to), live cost of running ones included. */
  totalForTrigger(triggerId: string, from: number, to: number): number {
    const row = this.db
      .prepare<[string, number, number], { total: number | null }>(
        `SELECT SUM(cost_usd) AS total FROM runs
         WHERE trigger_id = ?
           AND COALESCE(ended_at, started_at, created_at) >= ?
           AND COALESCE(ended_at, started_at, created_at) < ?`,
      )
      .get(triggerId, from, to);
    return row?.total ?? 0;
  }

  /**
   * Live cost of the runs going now that started in [from, to): what each has spent beyond what
   * its model usage records (earlier sessions of it, before a wait, are recorded).
   */
  going(from: number, to: number): number {
    const row = this.db
      .prepare<[number, number], { total: number | null }>(
        `SELECT SUM(MAX(0, r.cost_usd - COALESCE(
                  (SELECT SUM(u.cost_usd) FROM run_model_usage u WHERE u.run_id = r.id), 0)))
           AS total
         FROM runs r
         WHERE r.status IN ('running', 'waiting')
           AND COALESCE(r.started_at, r.created_at) >= ?
           AND COALESCE(r.started_at, r.created_at) < ?`,
      )
      .get(from, to);
    return row?.total ?? 0;
  }

  /** Total spend in [from, to), live cost of running runs included. */
  total(from: number, to: number): number {
    const row = this.db
      .prepare<[number, number], { total: number | null }>(
        `SELECT SUM(cost_usd) AS total FROM runs
         WHERE COALESCE(ended_at, started_at, created_at) >= ?
           AND COALESCE(ended_at, started_at, created_at) < ?`,
      )
      .get(from, to);
    return row?.total ?? 0;
  }
}
