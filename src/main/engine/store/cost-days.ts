// Spend per local calendar day, task and model (the rollup tables of migration 9, kept in step by
// its triggers): whole days of costs.summary come from here instead of from every run.
import type { Statement } from 'better-sqlite3';
import type { ModelUsage } from '../../../shared/domain';
import type { Db } from './database';

export interface DayModelSpend {
  day: string;
  model: string;
  costUsd: number;
}

export interface TaskSpend {
  taskId: string;
  taskTitle: string;
  costUsd: number;
  runs: number;
}

/** A model's spend and tokens over the days asked for. */
export type ModelSpend = ModelUsage;

const ZONE_KEY = 'cost_days_zone';

/** Days are compared as YYYY-MM-DD text: `from` included, `to` excluded. */
type DayRange = [from: string, to: string];

export class CostDays {
  private readonly dayModel: Statement<DayRange, DayModelSpend>;
  private readonly task: Statement<DayRange, Omit<TaskSpend, 'runs'>>;
  private readonly taskRuns: Statement<DayRange, { taskId: string; runs: number }>;
  private readonly model: Statement<DayRange, ModelSpend>;

  constructor(private readonly db: Db) {
    this.dayModel = db.prepare(
      `SELECT day, model, SUM(cost_usd) AS costUsd FROM cost_days
       WHERE day >= ? AND day < ? GROUP BY day, model`,
    );
    // Summed first, then joined: one task lookup per task, not per day and model.
    this.task = db.prepare(
      `SELECT c.taskId, t.title AS taskTitle, c.costUsd
       FROM (SELECT task_id AS taskId, SUM(cost_usd) AS costUsd FROM cost_days
             WHERE day >= ? AND day < ? GROUP BY task_id) c
         JOIN tasks t ON t.id = c.taskId`,
    );
    this.taskRuns = db.prepare(
      `SELECT task_id AS taskId, SUM(runs) AS runs FROM cost_day_runs
       WHERE day >= ? AND day < ? GROUP BY task_id`,
    );
    this.model = db.prepare(
      `SELECT model, SUM(cost_usd) AS costUsd, SUM(input_tokens) AS inputTokens,
              SUM(output_tokens) AS outputTokens,
              SUM(cache_read_input_tokens) AS cacheReadInputTokens,
              SUM(cache_creation_input_tokens) AS cacheCreationInputTokens
       FROM cost_days WHERE day >= ? AND day < ? GROUP BY model`,
    );
  }

  byDayAndModel(from: string, to: string): DayModelSpend[] {
    return this.dayModel.all(from, to);
  }

  byTask(from: string, to: string): TaskSpend[] {
    const runs = new Map(this.taskRuns.all(from, to).map((row) => [row.taskId, row.runs]));
    return this.task.all(from, to).map((row) => ({ ...row, runs: runs.get(row.taskId) ?? 0 }));
  }

  byModel(from: string, to: string): ModelSpend[] {
    return this.model.all(from, to);
  }

  /**
   * The rollups hold days of the zone they were written in. Opened in another zone (the computer
   * travelled, TZ changed), they are built again from the runs, so days mean the same as before.
   */
  keepZone(zone: string): void {
    const stored = this.db
      .prepare<[string], { value: string }>('SELECT value FROM store_meta WHERE key = ?')
      .get(ZONE_KEY)?.value;
    if (stored === zone) return;
    this.db.transaction(() => {
      // No zone stored: migration 9 has just built them, in this process and so in this zone.
      if (stored !== undefined) this.rebuild();
      this.db
        .prepare('INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)')
        .run(ZONE_KEY, zone);
    })();
  }

  /**
   * Empties the rollups and adds every usage row again through the same triggers that keep them
   * in step, so what a day holds is defined once (by the schema), not here as well.
   */
  private rebuild(): void {
    this.db.exec(`
      DELETE FROM cost_days;
      DELETE FROM cost_day_runs;
      CREATE TEMP TABLE usage_to_replay AS SELECT * FROM run_model_usage;
      DELETE FROM run_model_usage;
      INSERT INTO run_model_usage SELECT * FROM usage_to_replay;
      DROP TABLE usage_to_replay;
    `);
  }
}

/** The zone local days are taken in by this process (JavaScript dates and SQLite alike). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
