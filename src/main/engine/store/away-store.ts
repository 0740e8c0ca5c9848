// Away channels' records: the delivery outbox (what is queued for each channel, retried with
// backoff until it goes), each channel's pairing and last error, the single-use decision token of
// each request sent to a channel, and the log of decisions taken or refused from a channel.
import type { Db } from './database';
import { parseJson, toJson } from './json';

export type OutboxKind = 'send' | 'edit';

export interface OutboxItem {
  id: number;
  channel: string;
  kind: OutboxKind;
  approvalId: string | null;
  runId: string | null;
  payload: Record<string, unknown>;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  sentAt: number | null;
  droppedAt: number | null;
  /** The channel's id for what was sent (a Telegram message id), once sent. */
  remoteRef: string | null;
  lastError: string | null;
}

export interface ChannelRecord {
  channel: string;
  pairedChat: string | null;
  pairedName: string | null;
  pairedAt: number | null;
  updateOffset: number;
  lastError: string | null;
  lastErrorAt: number | null;
  lastSentAt: number | null;
}

export interface AwayTokenRecord {
  token: string;
  approvalId: string;
  channel: string;
  chat: string;
  createdAt: number;
  usedAt: number | null;
}

export type AwayDecisionOutcome = 'decided' | 'refused';

export interface AwayDecisionRecord {
  channel: string;
  chat: string;
  approvalId: string | null;
  outcome: AwayDecisionOutcome;
  detail: string;
  at: number;
}

interface OutboxRow {
  id: number;
  channel: string;
  kind: string;
  approval_id: string | null;
  run_id: string | null;
  payload: string;
  created_at: number;
  attempts: number;
  next_attempt_at: number;
  sent_at: number | null;
  dropped_at: number | null;
  remote_ref: string | null;
  last_error: string | null;
}

interface ChannelRow {
  channel: string;
  paired_chat: string | null;
  paired_name: string | null;
  paired_at: number | null;
  update_offset: number;
  last_error: string | null;
  last_error_at: number | null;
  last_sent_at: number | null;
}

interface TokenRow {
  token: string;
  approval_id: string;
  channel: string;
  chat: string;
  created_at: number;
  used_at: number | null;
}

interface DecisionRow {
  channel: string;
  chat: string;
  approval_id: string | null;
  outcome: string;
  detail: string;
  at: number;
}

export class AwayStore {
  constructor(private readonly db: Db) {}

  enqueue(item: {
    channel: string;
    kind: OutboxKind;
    approvalId: string | null;
    runId: string | null;
    payload: Record<string, unknown>;
    at: number;
    notBefore?: number;
  }): number {
    const result = this.db
      .prepare(
        `INSERT INTO away_outbox (channel, kind, approval_id, run_id, payload, created_at,
           next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        item.channel,
        item.kind,
        item.approvalId,
        item.runId,
        toJson(item.payload),
        item.at,
        item.notBefore ?? item.at,
      );
    return Number(result.lastInsertRowid);
  }

  /** The channel's oldest item still to go, due or not: a channel delivers in order. */
  head(channel: string): OutboxItem | undefined {
    const row = this.db
      .prepare<[string], OutboxRow>(
        `SELECT * FROM away_outbox WHERE channel = ? AND sent_at IS NULL AND dropped_at IS NULL
         ORDER BY id
         LIMIT 1`,
      )
      .get(channel);
    return row ? toItem(row) : undefined;
  }

  /** Items still to go on a channel, oldest first. */
  queued(channel: string): OutboxItem[] {
    return this.db
      .prepare<[string], OutboxRow>(
        `SELECT * FROM away_outbox WHERE channel = ? AND sent_at IS NULL AND dropped_at IS NULL
         ORDER BY id`,
      )
      .all(channel)
      .map(toItem);
  }

  get(id: number): OutboxItem | undefined {
    const row = this.db
      .prepare<[number], OutboxRow>('SELECT * FROM away_outbox WHERE id = ?')
      .get(id);
    return row ? toItem(row) : undefined;
  }

  /** Everything queued or sent about these requests, oldest first. */
  forApprovals(approvalIds: readonly string[]): OutboxItem[] {
    if (approvalIds.length === 0) return [];
    const marks = approvalIds.map(() => '?').join(', ');
    return this.db
      .prepare<string[], OutboxRow>(
        `SELECT * FROM away_outbox WHERE approval_id IN (${marks}) ORDER BY id`,
      )
      .all(...approvalIds)
      .map(toItem);
  }

  /** The request message a channel knows by this id (what a reply on the phone points at). */
  sentAs(channel: string, remoteRef: string): OutboxItem | undefined {
    const row = this.db
      .prepare<[string, string], OutboxRow>(
        `SELECT * FROM away_outbox WHERE channel = ? AND remote_ref = ? AND kind = 'send'
         ORDER BY id DESC LIMIT 1`,
      )
      .get(channel, remoteRef);
    return row ? toItem(row) : undefined;
  }

  markSent(id: number, at: number, remoteRef: string | null): void {
    this.db
      .prepare('UPDATE away_outbox SET sent_at = ?, remote_ref = ?, last_error = NULL WHERE id = ?')
      .run(at, remoteRef, id);
  }

  markFailed(id: number, error: string, nextAttemptAt: number): void {
    this.db
      .prepare(
        `UPDATE away_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
         WHERE id = ?`,
      )
      .run(error, nextAttemptAt, id);
  }

  /** Kept, not deleted: the inbox can still say it was never sent, and why. */
  drop(id: number, at: number, reason: string): void {
    this.db
      .prepare('UPDATE away_outbox SET dropped_at = ?, last_error = ? WHERE id = ?')
      .run(at, reason, id);
  }

  /** Drops what is still queued on a channel (its pairing was revoked); returns how many. */
  dropQueued(channel: string, at: number, reason: string): number {
    return this.db
      .prepare(
        `UPDATE away_outbox SET dropped_at = ?, last_error = ?
         WHERE channel = ? AND sent_at IS NULL AND dropped_at IS NULL`,
      )
      .run(at, reason, channel).changes;
  }

  channel(channel: string): ChannelRecord {
    const row = this.db
      .prepare<[string], ChannelRow>('SELECT * FROM away_channels WHERE channel = ?')
      .get(channel);
    return row
      ? {
          channel: row.channel,
          pairedChat: row.paired_chat,
          pairedName: row.paired_name,
          pairedAt: row.paired_at,
          updateOffset: row.update_offset,
          lastError: row.last_error,
          lastErrorAt: row.last_error_at,
          lastSentAt: row.last_sent_at,
        }
      : {
          channel,
          pairedChat: null,
          pairedName: null,
          pairedAt: null,
          updateOffset: 0,
          lastError: null,
          lastErrorAt: null,
          lastSentAt: null,
        };
  }

  updateChannel(channel: string, patch: Partial<Omit<ChannelRecord, 'channel'>>): void {
    const next = { ...this.channel(channel), ...patch };
    this.db
      .prepare(
        `INSERT OR REPLACE INTO away_channels (channel, paired_chat, paired_name, paired_at,
           update_offset, last_error, last_error_at, last_sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        channel,
        next.pairedChat,
        next.pairedName,
        next.pairedAt,
        next.updateOffset,
        next.lastError,
        next.lastErrorAt,
        next.lastSentAt,
      );
  }

  addToken(record: Omit<AwayTokenRecord, 'usedAt'>): void {
    this.db
      .prepare(
        `INSERT INTO away_tokens (token, approval_id, channel, chat, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(record.token, record.approvalId, record.channel, record.chat, record.createdAt);
  }

  token(token: string): AwayTokenRecord | undefined {
    const row = this.db
      .prepare<[string], TokenRow>('SELECT * FROM away_tokens WHERE token = ?')
      .get(token);
    return row
      ? {
          token: row.token,
          approvalId: row.approval_id,
          channel: row.channel,
          chat: row.chat,
          createdAt: row.created_at,
          usedAt: row.used_at,
        }
      : undefined;
  }

  /** The token a request was sent to a channel with (the newest, if it was sent again). */
  tokenOf(approvalId: string, channel: string): AwayTokenRecord | undefined {
    const row = this.db
      .prepare<[string, string], TokenRow>(
        `SELECT * FROM away_tokens WHERE approval_id = ? AND channel = ?
         ORDER BY created_at DESC LIMIT 1`,
      )
      .get(approvalId, channel);
    return row ? this.token(row.token) : undefined;
  }

  /** Spends a token; false when it was already spent (a second press, a race). */
  useToken(token: string, at: number): boolean {
    return (
      this.db
        .prepare('UPDATE away_tokens SET used_at = ? WHERE token = ? AND used_at IS NULL')
        .run(at, token).changes > 0
    );
  }

  /** Whether a token of this request was spent: its decision came from a channel. */
  decidedByToken(approvalId: string): boolean {
    return (
      this.db
        .prepare<[string], { n: number }>(
          'SELECT COUNT(*) AS n FROM away_tokens WHERE approval_id = ? AND used_at IS NOT NULL',
        )
        .get(approvalId)?.n !== 0
    );
  }

  /** Undoes useToken when the decision it was spent on could not be made. */
  unuseToken(token: string): void {
    this.db.prepare('UPDATE away_tokens SET used_at = NULL WHERE token = ?').run(token);
  }

  logDecision(record: AwayDecisionRecord): void {
    this.db
      .prepare(
        `INSERT INTO away_decisions (channel, chat, approval_id, outcome, detail, at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.channel,
        record.chat,
        record.approvalId,
        record.outcome,
        record.detail,
        record.at,
      );
  }

  decisions(
    filter: { approvalIds?: readonly string[]; limit?: number } = {},
  ): AwayDecisionRecord[] {
    const ids = filter.approvalIds;
    const where = ids ? `WHERE approval_id IN (${ids.map(() => '?').join(', ') || 'NULL'})` : '';
    return this.db
      .prepare<unknown[], DecisionRow>(
        `SELECT * FROM away_decisions ${where} ORDER BY id DESC LIMIT ?`,
      )
      .all(...(ids ?? []), filter.limit ?? 200)
      .map((row) => ({
        channel: row.channel,
        chat: row.chat,
        approvalId: row.approval_id,
        outcome: row.outcome === 'decided' ? 'decided' : 'refused',
        detail: row.detail,
        at: row.at,
      }));
  }
}

function toItem(row: OutboxRow): OutboxItem {
  return {
    id: row.id,
    channel: row.channel,
    kind: row.kind === 'edit' ? 'edit' : 'send',
    approvalId: row.approval_id,
    runId: row.run_id,
    payload: parseJson<Record<string, unknown>>(row.payload, {}),
    createdAt: row.created_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    sentAt: row.sent_at,
    droppedAt: row.dropped_at,
    remoteRef: row.remote_ref,
    lastError: row.last_error,
  };
}
