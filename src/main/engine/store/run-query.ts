// Browsing run history: runs.query's filters, search and paging (with the total), and a session's
// runs as one thread. Selects ids here and loads each run through RunStore, so its shape has one owner.
import type { MethodParams } from '../../../shared/contract';
import type { Db } from './database';
import { placeCondition } from './place-filter';
import { timed } from './database';
import type { RunRecord, RunStore } from './run-store';

export const RUN_QUERY_DEFAULT_LIMIT = 50;

export interface RunQueryPage {
  records: RunRecord[];
  total: number;
  offset: number;
}

export class RunQueries {
  constructor(
    private readonly db: Db,
    private readonly runs: RunStore,
  ) {}

  query(filter: MethodParams<'runs.query'>): RunQueryPage {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.statuses?.length) {
      where.push(`status IN (${marks(filter.statuses)})`);
      args.push(...filter.statuses);
    }
    if (filter.triggerKinds?.length) {
      where.push(`trigger_kind IN (${marks(filter.triggerKinds)})`);
      args.push(...filter.triggerKinds);
    }
    if (filter.taskId !== undefined) {
      where.push('task_id = ?');
      args.push(filter.taskId);
    }
    if (filter.place !== undefined) {
      const place = placeCondition(filter.place, 'place');
      where.push(place.sql);
      args.push(...place.args);
    }
    if (filter.from !== undefined) {
      where.push('created_at >= ?');
      args.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('created_at < ?');
      args.push(filter.to);
    }
    // Every word must appear somewhere in the prompt, the result or the error (any case).
    for (const word of (filter.search ?? '').split(/\s+/).filter(Boolean)) {
      where.push(
        `(instr(lower(prompt), ?) > 0 OR instr(lower(coalesce(result, '')), ?) > 0
          OR instr(lower(coalesce(error, '')), ?) > 0)`,
      );
      const lower = word.toLowerCase();
      args.push(lower, lower, lower);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const offset = filter.offset ?? 0;
    const limit = filter.limit ?? RUN_QUERY_DEFAULT_LIMIT;
    return timed('runs.query', () => {
      const total =
        this.db
          .prepare<(string | number)[], { n: number }>(`SELECT count(*) AS n FROM runs ${clause}`)
          .get(...args)?.n ?? 0;
      const ids = this.db
        .prepare<(string | number)[], { id: string }>(
          `SELECT id FROM runs ${byStatusOnly(filter) ? 'INDEXED BY runs_by_created_status' : ''}
           ${clause} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`,
        )
        .all(...args, limit, offset);
      return { records: this.load(ids), total, offset };
    });
  }

  /** Every run of the session this run belongs to, oldest first (the first prompt and its follow-ups). */
  thread(runId: string): RunRecord[] {
    const ids = this.db
      .prepare<[string], { id: string }>(
        `SELECT id FROM runs
          WHERE session_id = (SELECT session_id FROM runs WHERE id = ?) AND session_id IS NOT NULL
          ORDER BY created_at, rowid`,
      )
      .all(runId);
    return this.load(ids);
  }

  private load(ids: { id: string }[]): RunRecord[] {
    const records: RunRecord[] = [];
    for (const { id } of ids) {
      const record = this.runs.get(id);
      if (record) records.push(record);
    }
    return records;
  }
}

/**
 * Statuses without a task or a search: newest first through the index that holds the status, so
 * the newest matching runs are found without reading rows. (Left to itself SQLite picks the
 * status index and sorts every run of those statuses: 0.6–1.3 s at 100,000 runs.)
 */
function byStatusOnly(filter: MethodParams<'runs.query'>): boolean {
  return Boolean(filter.statuses?.length) && filter.taskId === undefined && !filter.search?.trim();
}

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');
