// The search index's SQL: matching events newest first with the run filters, the indexing of new
// events, and the backfill of events stored before the index existed. The index itself
// (run_search, contentless FTS5) holds words, not text. New events are indexed after their write,
// in steps above a mark (run_search_forward.indexed_to), so a write never pays for FTS5; a
// trigger removes a deleted event that was indexed.
import type { RunStatus, TriggerKind } from '../../../shared/domain';
import type { Db } from './database';
import { timed } from './database';
import { placeCondition } from './place-filter';

export interface SearchFilter {
  /** An FTS5 MATCH expression, already built from the person's words (search/search-query.ts). */
  match: string;
  taskId?: string;
  statuses?: readonly RunStatus[];
  triggerKinds?: readonly TriggerKind[];
  /** A place's id, or `here` (store/place-filter). */
  place?: string;
  /** Runs created at or after / before (epoch ms). */
  from?: number;
  to?: number;
  /** Only events stored before this one (the previous page's last hit): paging newest first. */
  beforeEventId?: number;
  limit: number;
}

export interface SearchRow {
  eventId: number;
  runId: string;
  seq: number;
  ts: number;
  type: string;
  /** The event's searchable text, as indexed. */
  body: string;
  status: string;
  taskId: string;
  taskTitle: string;
  prompt: string;
  triggerKind: string;
  createdAt: number;
}

export class SearchStore {
  constructor(private readonly db: Db) {}

  /** Matching events, newest first: FTS5 walks its rowids downward and the run filters apply as it goes. */
  find(filter: SearchFilter): SearchRow[] {
    const where = ['run_search MATCH ?'];
    const args: (string | number)[] = [filter.match];
    if (filter.beforeEventId !== undefined) {
      where.push('s.rowid < ?');
      args.push(filter.beforeEventId);
    }
    if (filter.taskId !== undefined) {
      where.push('r.task_id = ?');
      args.push(filter.taskId);
    }
    if (filter.statuses?.length) {
      where.push(`r.status IN (${marks(filter.statuses)})`);
      args.push(...filter.statuses);
    }
    if (filter.triggerKinds?.length) {
      where.push(`r.trigger_kind IN (${marks(filter.triggerKinds)})`);
      args.push(...filter.triggerKinds);
    }
    if (filter.place !== undefined) {
      const place = placeCondition(filter.place, 'r.place');
      where.push(place.sql);
      args.push(...place.args);
    }
    if (filter.from !== undefined) {
      where.push('r.created_at >= ?');
      args.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('r.created_at < ?');
      args.push(filter.to);
    }
    return timed('search.query', () =>
      this.db
        .prepare<(string | number)[], SearchRow>(
          `SELECT s.rowid AS eventId, e.run_id AS runId, e.seq AS seq, e.ts AS ts, e.type AS type,
                  v.body AS body, r.status AS status, r.task_id AS taskId, t.title AS taskTitle,
                  r.prompt AS prompt, r.trigger_kind AS triggerKind, r.created_at AS createdAt
             FROM run_search s
             JOIN run_events e ON e.id = s.rowid
             JOIN run_search_text v ON v.id = s.rowid
             JOIN runs r ON r.id = e.run_id
             JOIN tasks t ON t.id = r.task_id
            WHERE ${where.join(' AND ')}
            ORDER BY s.rowid DESC
            LIMIT ?`,
        )
        .all(...args, filter.limit),
    );
  }

  /** How many events were written since the last indexing step. */
  newPending(): number {
    return (
      this.db
        .prepare<[], { waiting: number }>(
          `SELECT count(*) AS waiting FROM run_events
            WHERE id > (SELECT indexed_to FROM run_search_forward WHERE id = 1)`,
        )
        .get()?.waiting ?? 0
    );
  }

  /**
   * Indexes up to `batch` of the events written since the last step, oldest first, in one
   * transaction, and moves the mark over them. Returns how many it indexed.
   */
  indexNew(batch: number): number {
    return timed('search.indexNew', () =>
      this.db.transaction(() => {
        const from = this.indexedTo();
        const ids = this.db
          .prepare<[number, number], { id: number }>(
            'SELECT id FROM run_events WHERE id > ? ORDER BY id LIMIT ?',
          )
          .all(from, batch);
        const to = ids.at(-1)?.id;
        if (to === undefined) return 0;
        // An id below the backfill's mark is the backfill's to index: SQLite gave a deleted
        // newest id out again, and the backfill, which checks the index, has not reached it.
        this.db
          .prepare<[number, number, number]>(
            `INSERT INTO run_search (rowid, body)
               SELECT id, body FROM run_search_text
                WHERE id > ? AND id <= ? AND id >= ? AND body IS NOT NULL`,
          )
          .run(from, to, this.below());
        this.db.prepare('UPDATE run_search_forward SET indexed_to = ? WHERE id = 1').run(to);
        return ids.length;
      })(),
    );
  }

  /** Whether events stored before the index existed are still waiting to be indexed. */
  backfillPending(): boolean {
    return this.below() > this.lowestEventId();
  }

  /**
   * Indexes up to `batch` of the newest events not yet indexed, in one transaction, and moves the
   * mark below them; so a stop at any point resumes where it was. Returns how many it indexed.
   */
  backfillStep(batch: number): number {
    return this.db.transaction(() => {
      const below = this.below();
      const ids = this.db
        .prepare<[number, number], { id: number }>(
          'SELECT id FROM run_events WHERE id < ? ORDER BY id DESC LIMIT ?',
        )
        .all(below, batch);
      const lowest = ids.at(-1)?.id;
      if (lowest === undefined) {
        this.setBelow(0);
        return 0;
      }
      // An id can come back after the newest events were deleted (SQLite reuses max(id) + 1), and
      // indexNew has indexed such a row already; FTS5 would take it twice.
      this.db
        .prepare<[number, number, number, number]>(
          `INSERT INTO run_search (rowid, body)
             SELECT id, body FROM run_search_text
              WHERE id >= ? AND id < ? AND body IS NOT NULL
                AND id NOT IN (SELECT rowid FROM run_search WHERE rowid >= ? AND rowid < ?)`,
        )
        .run(lowest, below, lowest, below);
      this.setBelow(lowest);
      return ids.length;
    })();
  }

  private indexedTo(): number {
    return (
      this.db
        .prepare<[], { mark: number }>(
          'SELECT indexed_to AS mark FROM run_search_forward WHERE id = 1',
        )
        .get()?.mark ?? 0
    );
  }

  private below(): number {
    return (
      this.db
        .prepare<[], { below: number }>('SELECT below FROM run_search_backfill WHERE id = 1')
        .get()?.below ?? 0
    );
  }

  private lowestEventId(): number {
    return (
      this.db.prepare<[], { id: number | null }>('SELECT min(id) AS id FROM run_events').get()
        ?.id ?? Number.MAX_SAFE_INTEGER
    );
  }

  private setBelow(below: number): void {
    this.db.prepare('UPDATE run_search_backfill SET below = ? WHERE id = 1').run(below);
  }
}

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');
