// Triggers (what each one watches, its counters, the cron cursor) and the record of every firing.
import type {
  TriggerFiring,
  TriggerFiringOutcome,
  TriggerType,
  WatchEvent,
} from '../../../shared/domain';
import type { Db } from './database';
import { parseJson, toJson } from './json';

/** What a trigger listens to; stored as JSON in `config`. */
export type TriggerSpec =
  | { kind: 'cron'; cron: string; timezone: string }
  | { kind: 'watch'; path: string; glob: string | null; ignore: string[]; events: WatchEvent[] }
  | { kind: 'webhook' };

/** A firing that waits for the task's current run to end (overlap policy 'queue'). */
export interface PendingFiring {
  firingId: number;
  kind: TriggerType;
  detail: Record<string, unknown>;
  extraPrompt: string | null;
  at: number;
}

export interface TriggerRecord {
  id: string;
  taskId: string;
  taskTitle: string;
  spec: TriggerSpec;
  /** SHA-256 of the webhook secret (hex); the secret itself is never stored. */
  secretHash: string | null;
  /**
   * What the webhook secret is derived from with the data folder's webhook key (webhook-key.ts),
   * so signatures (X-Hub-Signature-256) can be checked; null for secrets made before signatures.
   */
  secretSalt: string | null;
  enabled: boolean;
  /** Cron: every slot up to this time has been handled (fired, skipped or deliberately passed). */
  cursorAt: number;
  firedCount: number;
  skippedCount: number;
  lastFiredAt: number | null;
  lastSkippedAt: number | null;
  lastRunId: string | null;
  pending: PendingFiring | null;
  /** What this trigger's runs may spend per day (USD); null: no limit of its own. */
  dailyBudgetUsd: number | null;
  createdAt: number;
  updatedAt: number;
}

export type NewTrigger = Pick<
  TriggerRecord,
  'id' | 'taskId' | 'spec' | 'secretHash' | 'secretSalt' | 'enabled' | 'cursorAt' | 'createdAt'
> & { dailyBudgetUsd?: number | null };

export interface NewFiring {
  triggerId: string;
  at: number;
  outcome: TriggerFiringOutcome;
  runId: string | null;
  detail: Record<string, unknown>;
}

interface TriggerRow {
  id: string;
  task_id: string;
  task_title: string;
  kind: string;
  config: string;
  secret_hash: string | null;
  secret_salt: string | null;
  enabled: number;
  cursor_at: number;
  fired_count: number;
  skipped_count: number;
  last_fired_at: number | null;
  last_skipped_at: number | null;
  last_run_id: string | null;
  pending: string | null;
  daily_budget_usd: number | null;
  created_at: number;
  updated_at: number;
}

interface FiringRow {
  id: number;
  trigger_id: string;
  at: number;
  outcome: string;
  run_id: string | null;
  detail: string;
}

/** Firings kept per trigger; older ones are dropped as new ones are recorded. */
export const FIRINGS_KEPT = 500;

// A deleted task's triggers stay stored (undoing the delete brings them back as they were) but
// are nowhere to be found, armed or fired meanwhile.
const SELECT_TRIGGER = `SELECT g.*, t.title AS task_title FROM triggers g
  JOIN tasks t ON t.id = g.task_id AND t.deleted_at IS NULL`;

/** A new trigger starts out as updated when it was created. */
const INSERT_TRIGGER = `INSERT INTO triggers (id, task_id, kind, config, secret_hash, secret_salt, enabled,
    cursor_at, created_at, updated_at, daily_budget_usd)
  VALUES (@id, @taskId, @kind, @config, @secretHash, @secretSalt, @enabled, @cursorAt,
    @createdAt, @createdAt, @dailyBudgetUsd)`;

function toRecord(row: TriggerRow): TriggerRecord {
  const config = parseJson<Record<string, unknown>>(row.config, {});
  return {
    id: row.id,
    taskId: row.task_id,
    taskTitle: row.task_title,
    spec: { ...config, kind: row.kind } as TriggerSpec,
    secretHash: row.secret_hash,
    secretSalt: row.secret_salt,
    enabled: row.enabled === 1,
    cursorAt: row.cursor_at,
    firedCount: row.fired_count,
    skippedCount: row.skipped_count,
    lastFiredAt: row.last_fired_at,
    lastSkippedAt: row.last_skipped_at,
    lastRunId: row.last_run_id,
    pending: parseJson<PendingFiring | null>(row.pending, null),
    dailyBudgetUsd: row.daily_budget_usd ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function configOf(spec: TriggerSpec): string {
  const config: Partial<TriggerSpec> = { ...spec };
  delete config.kind;
  return toJson(config);
}

export class TriggerStore {
  constructor(private readonly db: Db) {}

  insert(trigger: NewTrigger): void {
    this.db.prepare(INSERT_TRIGGER).run({
      id: trigger.id,
      taskId: trigger.taskId,
      kind: trigger.spec.kind,
      config: configOf(trigger.spec),
      secretHash: trigger.secretHash,
      secretSalt: trigger.secretSalt,
      enabled: trigger.enabled ? 1 : 0,
      cursorAt: trigger.cursorAt,
      createdAt: trigger.createdAt,
      dailyBudgetUsd: trigger.dailyBudgetUsd ?? null,
    });
  }

  get(id: string): TriggerRecord | undefined {
    const row = this.db.prepare<[string], TriggerRow>(`${SELECT_TRIGGER} WHERE g.id = ?`).get(id);
    return row ? toRecord(row) : undefined;
  }

  list(taskId?: string): TriggerRecord[] {
    const rows =
      taskId === undefined
        ? this.db.prepare<[], TriggerRow>(`${SELECT_TRIGGER} ORDER BY g.created_at, g.id`).all()
        : this.db
            .prepare<[string], TriggerRow>(
              `${SELECT_TRIGGER} WHERE g.task_id = ? ORDER BY g.created_at, g.id`,
            )
            .all(taskId);
    return rows.map(toRecord);
  }

  update(
    id: string,
    patch: {
      spec?: TriggerSpec;
      enabled?: boolean;
      secret?: { hash: string; salt: string };
      cursorAt?: number;
      dailyBudgetUsd?: number | null;
    },
    at: number,
  ): void {
    const sets = ['updated_at = ?'];
    const args: (string | number | null)[] = [at];
    if (patch.dailyBudgetUsd !== undefined) {
      sets.push('daily_budget_usd = ?');
      args.push(patch.dailyBudgetUsd);
    }
    if (patch.spec !== undefined) {
      sets.push('config = ?');
      args.push(configOf(patch.spec));
    }
    if (patch.enabled !== undefined) {
      sets.push('enabled = ?');
      args.push(patch.enabled ? 1 : 0);
    }
    if (patch.secret !== undefined) {
      sets.push('secret_hash = ?', 'secret_salt = ?');
      args.push(patch.secret.hash, patch.secret.salt);
    }
    if (patch.cursorAt !== undefined) {
      sets.push('cursor_at = ?');
      args.push(patch.cursorAt);
    }
    args.push(id);
    this.db.prepare(`UPDATE triggers SET ${sets.join(', ')} WHERE id = ?`).run(...args);
  }

  /** Moves the cron cursor forward (never back). */
  advanceCursor(id: string, at: number): void {
    this.db.prepare('UPDATE triggers SET cursor_at = MAX(cursor_at, ?) WHERE id = ?').run(at, id);
  }

  /** Records a firing and updates the trigger's counters in one transaction; returns its id. */
  recordFiring(firing: NewFiring, pending?: Omit<PendingFiring, 'firingId'>): number {
    return this.db.transaction(() => {
      const id = Number(
        this.db
          .prepare(
            'INSERT INTO trigger_firings (trigger_id, at, outcome, run_id, detail) VALUES (?, ?, ?, ?, ?)',
          )
          .run(firing.triggerId, firing.at, firing.outcome, firing.runId, toJson(firing.detail))
          .lastInsertRowid,
      );
      if (firing.outcome === 'started') {
        this.db
          .prepare(
            `UPDATE triggers SET fired_count = fired_count + 1, last_fired_at = ?, last_run_id = ?
             WHERE id = ?`,
          )
          .run(firing.at, firing.runId, firing.triggerId);
      } else if (firing.outcome === 'skipped') {
        this.db
          .prepare(
            `UPDATE triggers SET skipped_count = skipped_count + 1, last_skipped_at = ? WHERE id = ?`,
          )
          .run(firing.at, firing.triggerId);
      } else if (pending !== undefined) {
        this.db
          .prepare('UPDATE triggers SET pending = ? WHERE id = ?')
          .run(toJson({ ...pending, firingId: id }), firing.triggerId);
      }
      // An every-second schedule skipping for a day would otherwise leave 86,400 rows.
      this.db
        .prepare(
          `DELETE FROM trigger_firings WHERE trigger_id = ? AND id <= (
             SELECT id FROM trigger_firings WHERE trigger_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
        )
        .run(firing.triggerId, firing.triggerId, FIRINGS_KEPT);
      return id;
    })();
  }

  /** A queued firing got its run: link it and count the trigger as fired. */
  releasePending(triggerId: string, firingId: number, runId: string, at: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE trigger_firings SET run_id = ? WHERE id = ?').run(runId, firingId);
      this.db
        .prepare(
          `UPDATE triggers SET pending = NULL, fired_count = fired_count + 1, last_fired_at = ?,
             last_run_id = ? WHERE id = ?`,
        )
        .run(at, runId, triggerId);
    })();
  }

  clearPending(triggerId: string): void {
    this.db.prepare('UPDATE triggers SET pending = NULL WHERE id = ?').run(triggerId);
  }

  firings(triggerId: string, limit = 50): TriggerFiring[] {
    return this.db
      .prepare<[string, number], FiringRow>(
        'SELECT * FROM trigger_firings WHERE trigger_id = ? ORDER BY at DESC, id DESC LIMIT ?',
      )
      .all(triggerId, limit)
      .map((row) => ({
        id: row.id,
        triggerId: row.trigger_id,
        at: row.at,
        outcome: row.outcome as TriggerFiringOutcome,
        runId: row.run_id,
        detail: parseJson<Record<string, unknown>>(row.detail, {}),
      }));
  }

  /** Every trigger of a task, also of a deleted one. */
  idsOfTask(taskId: string): string[] {
    return this.db
      .prepare<[string], { id: string }>('SELECT id FROM triggers WHERE task_id = ?')
      .all(taskId)
      .map((row) => row.id);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM triggers WHERE id = ?').run(id).changes > 0;
  }
}
