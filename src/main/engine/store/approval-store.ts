// Approvals (permission requests and questions) and the person's durable decisions.
import type { Approval, ApprovalKind, ApprovalStatus, Question } from '../../../shared/domain';
import { alwaysAllowChoices } from '../../../shared/permission-rules';
import type { Db } from './database';
import { parseJson, toJson } from './json';

interface ApprovalRow {
  id: string;
  run_id: string;
  task_id: string;
  task_title: string;
  kind: string;
  tool_name: string;
  tool_use_id: string | null;
  input: string;
  title: string | null;
  description: string | null;
  questions: string | null;
  status: string;
  message: string | null;
  answers: string | null;
  always: number;
  always_rules: string | null;
  workdir: string;
  created_at: number;
  decided_at: number | null;
  applied_at: number | null;
  expires_at: number | null;
}

const SELECT_APPROVAL = `
  SELECT a.*, r.task_id AS task_id, t.title AS task_title, COALESCE(r.workdir, t.cwd) AS workdir
  FROM approvals a JOIN runs r ON r.id = a.run_id JOIN tasks t ON t.id = r.task_id`;

function toApproval(row: ApprovalRow): Approval {
  const kind = row.kind as ApprovalKind;
  const input = parseJson<Record<string, unknown>>(row.input, {});
  return {
    id: row.id,
    runId: row.run_id,
    taskId: row.task_id,
    taskTitle: row.task_title,
    kind,
    toolName: row.tool_name,
    toolUseId: row.tool_use_id,
    input,
    title: row.title,
    description: row.description,
    questions: parseJson<Question[] | null>(row.questions, null),
    status: row.status as ApprovalStatus,
    message: row.message,
    answers: parseJson<Record<string, string> | null>(row.answers, null),
    always: row.always === 1,
    alwaysRules: parseJson<string[]>(row.always_rules, []),
    // Offered while the request waits: the ways "Always allow" can remember it, narrowest first.
    alwaysChoices:
      kind === 'tool' && row.status === 'pending'
        ? alwaysAllowChoices(row.tool_name, input, row.workdir)
        : [],
    createdAt: row.created_at,
    decidedAt: row.decided_at,
    expiresAt: row.expires_at,
  };
}

export type NewApproval = Pick<
  Approval,
  | 'id'
  | 'runId'
  | 'kind'
  | 'toolName'
  | 'toolUseId'
  | 'input'
  | 'title'
  | 'description'
  | 'questions'
  | 'createdAt'
> & { expiresAt?: number | null };

export class ApprovalStore {
  constructor(private readonly db: Db) {}

  insert(approval: NewApproval): void {
    this.db
      .prepare(
        `INSERT INTO approvals (id, run_id, kind, tool_name, tool_use_id, input, title, description,
           questions, status, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(
        approval.id,
        approval.runId,
        approval.kind,
        approval.toolName,
        approval.toolUseId,
        toJson(approval.input),
        approval.title,
        approval.description,
        approval.questions === null ? null : toJson(approval.questions),
        approval.createdAt,
        approval.expiresAt ?? null,
      );
  }

  get(id: string): Approval | undefined {
    const row = this.db.prepare<[string], ApprovalRow>(`${SELECT_APPROVAL} WHERE a.id = ?`).get(id);
    return row ? toApproval(row) : undefined;
  }

  list(filter: { status?: ApprovalStatus; runId?: string }): Approval[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.status) {
      where.push('a.status = ?');
      args.push(filter.status);
    }
    if (filter.runId) {
      where.push('a.run_id = ?');
      args.push(filter.runId);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    return this.db
      .prepare<string[], ApprovalRow>(
        `${SELECT_APPROVAL} ${clause} ORDER BY a.created_at, a.rowid LIMIT 1000`,
      )
      .all(...args)
      .map(toApproval);
  }

  /** Records a decision; false when the approval was no longer pending. */
  decide(
    id: string,
    decision: {
      status: Exclude<ApprovalStatus, 'pending'>;
      message: string | null;
      answers: Record<string, string> | null;
      always: boolean;
      /** The rules an "Always allow" added to the task. */
      alwaysRules?: string[];
      at: number;
    },
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE approvals SET status = ?, message = ?, answers = ?, always = ?, always_rules = ?,
             decided_at = ?
           WHERE id = ? AND status = 'pending'`,
        )
        .run(
          decision.status,
          decision.message,
          decision.answers === null ? null : toJson(decision.answers),
          decision.always ? 1 : 0,
          decision.alwaysRules?.length ? toJson(decision.alwaysRules) : null,
          decision.at,
          id,
        ).changes > 0
    );
  }

  /**
   * A decision the person gave after the session that asked had ended, not yet handed to the
   * session that resumed it: the same tool with the same input in the same run.
   */
  unappliedDecision(
    runId: string,
    toolName: string,
    input: Record<string, unknown>,
  ): Approval | undefined {
    const rows = this.db
      .prepare<[string, string], ApprovalRow>(
        `${SELECT_APPROVAL} WHERE a.run_id = ? AND a.tool_name = ? AND a.applied_at IS NULL
           AND a.status IN ('allowed', 'denied') ORDER BY a.created_at, a.rowid`,
      )
      .all(runId, toolName);
    const wanted = toJson(input);
    const row = rows.find((candidate) => candidate.input === wanted);
    return row ? toApproval(row) : undefined;
  }

  /** Marks a decision as handed to a session (live, or on resume), so it answers only once. */
  markApplied(id: string, at: number): void {
    this.db
      .prepare('UPDATE approvals SET applied_at = ? WHERE id = ? AND applied_at IS NULL')
      .run(at, id);
  }

  /** Decided requests of a run that no session has heard yet. */
  unapplied(runId: string): Approval[] {
    return this.db
      .prepare<[string], ApprovalRow>(
        `${SELECT_APPROVAL} WHERE a.run_id = ? AND a.applied_at IS NULL
           AND a.status IN ('allowed', 'denied') ORDER BY a.created_at, a.rowid`,
      )
      .all(runId)
      .map(toApproval);
  }

  /** Pending requests whose timeout has passed. */
  expired(now: number): Approval[] {
    return this.db
      .prepare<[number], ApprovalRow>(
        `${SELECT_APPROVAL} WHERE a.status = 'pending' AND a.expires_at IS NOT NULL
           AND a.expires_at <= ?`,
      )
      .all(now)
      .map(toApproval);
  }

  /** Cancels what a run still had pending (the run ended or was interrupted). */
  cancelPendingForRun(runId: string, at: number): string[] {
    const ids = this.db
      .prepare<[string], { id: string }>(
        `SELECT id FROM approvals WHERE run_id = ? AND status = 'pending'`,
      )
      .all(runId)
      .map((row) => row.id);
    this.db
      .prepare(
        `UPDATE approvals SET status = 'cancelled', decided_at = ? WHERE run_id = ? AND status = 'pending'`,
      )
      .run(at, runId);
    return ids;
  }
}
