// A run's transcript events in SQLite: seqs handed out at once, rows written in small batches
// (one transaction per batch, not per event), reads from the start or from the end, retention.
import type { Statement } from 'better-sqlite3';
import type { RunEvent } from '../../../shared/domain';
import type { Db } from './database';
import { timed } from './database';
import { parseJson, toJson } from './json';
import type { NewRunEvent } from './run-store';

/** Events held before a write; a busy stream commits about this many per transaction. */
const BATCH_SIZE = 64;

interface EventRow {
  seq: number;
  ts: number;
  type: string;
  data: string;
}

type PendingRow = [runId: string, seq: number, ts: number, type: string, data: string];

export interface EventPage {
  /** Events after this seq (reading forward), default from the start. */
  afterSeq?: number;
  /** Events before this seq (reading backward from the end); with `tail`, the last ones. */
  beforeSeq?: number;
  /** Read the last `limit` events (before `beforeSeq` when given) instead of the first. */
  tail?: boolean;
  limit?: number;
}

export class RunEventStore {
  private readonly lastSeq = new Map<string, number>();
  private pending: PendingRow[] = [];
  private flushScheduled = false;
  private readonly insert: Statement<PendingRow>;
  private readonly writeBatch: (rows: PendingRow[]) => void;
  private readonly forward: Statement<[string, number, number], EventRow>;
  private readonly backward: Statement<[string, number, number], EventRow>;
  private readonly maxSeq: Statement<[string], { seq: number | null }>;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO run_events (run_id, seq, ts, type, data) VALUES (?, ?, ?, ?, ?)',
    );
    this.writeBatch = db.transaction((rows: PendingRow[]) => {
      for (const row of rows) this.insert.run(...row);
    });
    this.forward = db.prepare(
      'SELECT seq, ts, type, data FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq LIMIT ?',
    );
    this.backward = db.prepare(
      'SELECT seq, ts, type, data FROM run_events WHERE run_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
    );
    this.maxSeq = db.prepare('SELECT MAX(seq) AS seq FROM run_events WHERE run_id = ?');
  }

  /**
   * Takes one event and returns it with its seq at once (seqs are consecutive per run, so the
   * live push keeps its order); the row is written with the next batch, within this tick.
   */
  append(event: NewRunEvent): RunEvent {
    const seq = this.nextSeq(event.runId);
    const { runId, ts, type, ...data } = event;
    this.pending.push([runId, seq, ts, type, toJson(data)]);
    this.lastSeq.set(runId, seq);
    if (this.pending.length >= BATCH_SIZE) this.flush();
    else if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    return { ...event, seq };
  }

  /** Writes every held event now; reads and close call it first, so nothing is ever missed. */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.writeBatch(rows);
  }

  read(runId: string, page: EventPage = {}): RunEvent[] {
    this.flush();
    const limit = page.limit ?? 100_000;
    return timed('runs.events', () => {
      if (page.tail || page.beforeSeq !== undefined) {
        const before = page.beforeSeq ?? Number.MAX_SAFE_INTEGER;
        return this.backward
          .all(runId, before, limit)
          .reverse()
          .map((row) => toEvent(runId, row));
      }
      return this.forward.all(runId, page.afterSeq ?? 0, limit).map((row) => toEvent(runId, row));
    });
  }

  /**
   * Deletes, at most `maxRows` at a time, the events of runs that ended before `cutoff`; the run
   * rows (status, result, cost, usage) stay. Returns how many events went.
   */
  pruneEndedBefore(cutoff: number, maxRows: number): number {
    this.flush();
    const result = this.db
      .prepare(
        `DELETE FROM run_events WHERE rowid IN (
           SELECT e.rowid FROM runs r JOIN run_events e ON e.run_id = r.id
           WHERE r.ended_at IS NOT NULL AND r.ended_at < ? LIMIT ?)`,
      )
      .run(cutoff, maxRows);
    return result.changes;
  }

  private nextSeq(runId: string): number {
    let last = this.lastSeq.get(runId);
    if (last === undefined) {
      this.flush();
      last = this.maxSeq.get(runId)?.seq ?? 0;
    }
    return last + 1;
  }
}

function toEvent(runId: string, row: EventRow): RunEvent {
  return {
    ...parseJson<Record<string, unknown>>(row.data, {}),
    runId,
    seq: row.seq,
    ts: row.ts,
    type: row.type,
  } as RunEvent;
}
