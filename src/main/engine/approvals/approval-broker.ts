// Turns Claude Code's permission requests and questions into Approvals, waits for the person's
// decision, stores it (durably, before the session hears it) and hands it back to the session.
// A request outlives the session that asked (a crash, a restart, the SDK giving up on canUseTool):
// it stays pending, and the decision is handed to the session that resumes the run.
import type { PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import {
  FOLDER_TRUST_TOOL,
  SECRET_REQUEST_TOOL,
  type Approval,
  type FolderTrustInput,
  type Question,
  type RunEvent,
} from '../../../shared/domain';
import { ApiError, badInput, notFound } from '../../../shared/errors';
import { rulesCover, type AlwaysScope } from '../../../shared/permission-rules';
import type { MethodParams } from '../../../shared/contract';
import type { DistributiveOmit } from '../../../shared/typing';
import type { EventBus } from '../event-bus';
import { newId } from '../ids';
import type { Store } from '../store';
import { taskRules } from './permission-policy';

export const QUESTION_TOOL = 'AskUserQuestion';

export interface ApprovalRequest {
  runId: string;
  taskId: string;
  toolName: string;
  input: Record<string, unknown>;
  toolUseId: string | null;
  title: string | null;
  description: string | null;
  signal: AbortSignal;
}

interface ApprovalBrokerDeps {
  store: Store;
  bus: EventBus;
  clock: () => number;
  /** Called whenever a run's count of pending approvals changes. */
  onPendingChange: (runId: string, pending: number) => void;
  /** A decision arrived for a run no session is listening to: the run can continue now. */
  onDecidedWithoutSession?: (runId: string) => void;
  /** Records an event in the run's transcript. */
  recordEvent: (runId: string, draft: RecordableApprovalEvent) => void;
  /** A request as stored and shown (secret values redacted); the session gets its input as sent. */
  redact?: <T>(runId: string, value: T) => T;
  /** Whether the value a secret request asks for was given (secrets/secret-requests.ts). */
  secretGiven?: (approval: Approval) => boolean;
}

/** The transcript events the broker writes, as drafts (the recorder adds run, seq and time). */
export type RecordableApprovalEvent = DistributiveOmit<
  Extract<RunEvent, { type: 'approval' | 'approval_decided' }>,
  'runId' | 'seq' | 'ts'
>;

interface Waiter {
  request: ApprovalRequest;
  resolve: (result: PermissionResult) => void;
}

export class ApprovalBroker {
  private readonly waiters = new Map<string, Waiter>();

  constructor(private readonly deps: ApprovalBrokerDeps) {}

  /** The canUseTool answer for one request; resolves when a person decides. */
  request(request: ApprovalRequest): Promise<PermissionResult> {
    const { store, clock } = this.deps;
    const task = store.tasks.get(request.taskId);
    const isQuestion = request.toolName === QUESTION_TOOL;
    const isSecret = request.toolName === SECRET_REQUEST_TOOL;
    const shown = this.deps.redact?.(request.runId, request) ?? request;
    // The resumed session asks again for what the person already decided: answer from the record.
    const decided = store.approvals.unappliedDecision(request.runId, request.toolName, shown.input);
    if (decided) {
      store.approvals.markApplied(decided.id, clock());
      return Promise.resolve(toPermissionResult(decided, request.input));
    }
    const timeoutMinutes = task?.runPolicy.approvalTimeoutMinutes ?? null;
    const approval = {
      id: newId('apr'),
      runId: request.runId,
      kind: isQuestion ? ('question' as const) : isSecret ? ('secret' as const) : ('tool' as const),
      toolName: request.toolName,
      toolUseId: request.toolUseId,
      input: shown.input,
      title: shown.title,
      description: shown.description,
      questions: isQuestion ? parseQuestions(shown.input) : null,
      createdAt: clock(),
      expiresAt: timeoutMinutes === null ? null : clock() + timeoutMinutes * 60_000,
    };
    store.approvals.insert(approval);
    return new Promise<PermissionResult>((resolve) => {
      this.waiters.set(approval.id, { request, resolve });
      // The session gave up on this request (it is ending, or the SDK timed out): the request
      // stays pending for the person, and their decision goes to the session that resumes.
      request.signal.addEventListener('abort', () => this.detach(approval.id), { once: true });
      this.deps.recordEvent(request.runId, {
        type: 'approval',
        approvalId: approval.id,
        kind: approval.kind,
        toolName: approval.toolName,
      });
      this.emit(approval.id);
      this.deps.onPendingChange(request.runId, this.pendingCount(request.runId));
    });
  }

  /**
   * The run's folder has settings of its own nobody decided on: a request that waits for the
   * person (no session is running yet; the run starts once they decide). Asked once per run.
   */
  askFolderTrust(runId: string, input: FolderTrustInput): void {
    const { store, clock } = this.deps;
    const open = store.approvals
      .list({ status: 'pending', runId })
      .some((approval) => approval.kind === 'folder_trust');
    if (open) return;
    const approval = {
      id: newId('apr'),
      runId,
      kind: 'folder_trust' as const,
      toolName: FOLDER_TRUST_TOOL,
      toolUseId: null,
      input: { ...input },
      title: null,
      description: null,
      questions: null,
      createdAt: clock(),
      // Never timed out: a timeout would decide for the person what the folder may do.
      expiresAt: null,
    };
    store.approvals.insert(approval);
    this.deps.recordEvent(runId, {
      type: 'approval',
      approvalId: approval.id,
      kind: approval.kind,
      toolName: approval.toolName,
    });
    this.emit(approval.id);
    this.deps.onPendingChange(runId, this.pendingCount(runId));
  }

  decide(params: MethodParams<'approvals.decide'>): Approval {
    const { store, clock } = this.deps;
    const approval = store.approvals.get(params.approvalId);
    if (!approval) throw notFound('approval', params.approvalId);
    if (approval.status !== 'pending') {
      throw new ApiError('conflict', `This request was already ${approval.status}.`);
    }
    if (
      approval.kind === 'question' &&
      params.decision === 'allow' &&
      !hasAnswers(params.answers)
    ) {
      throw new ApiError('bad_input', 'answers: choose or write an answer', 'answers');
    }
    // A secret is given through secrets/secret-requests.ts, which places the value first: an
    // allow that arrives any other way (an away channel) has nothing to hand over.
    if (
      approval.kind === 'secret' &&
      params.decision === 'allow' &&
      this.deps.secretGiven?.(approval) !== true
    ) {
      throw badInput('secretValue', 'type the value');
    }
    const choice =
      params.decision === 'allow' && params.always === true
        ? chosenScope(approval, params.alwaysScope)
        : undefined;
    const added = choice ? this.newRules(approval.taskId, choice.rules) : [];
    const decided = store.approvals.decide(approval.id, {
      status: params.decision === 'allow' ? 'allowed' : 'denied',
      message: params.message?.trim() || null,
      answers: approval.kind === 'question' ? (params.answers ?? null) : null,
      always: choice !== undefined,
      alwaysRules: added,
      at: clock(),
    });
    if (!decided) throw new ApiError('conflict', 'This request was decided a moment ago.');
    if (added.length > 0) this.addRules(approval.taskId, added);
    if (approval.kind === 'folder_trust') this.rememberFolderTrust(approval, params.decision);
    const heard = this.settle(approval.id);
    if (choice) this.allowOthersCovered(approval.taskId);
    if (!heard) this.continueWithoutSession(approval.runId);
    const updated = store.approvals.get(approval.id);
    if (!updated) throw notFound('approval', approval.id);
    return updated;
  }

  /** Ends whatever a run still waits on (the run stopped); the session is not told. */
  cancelRun(runId: string): void {
    const ids = this.deps.store.approvals.cancelPendingForRun(runId, this.deps.clock());
    for (const id of ids) {
      const waiter = this.waiters.get(id);
      this.waiters.delete(id);
      waiter?.resolve({ behavior: 'deny', message: 'The run was stopped.', interrupt: true });
      this.emit(id);
    }
  }

  /**
   * The run's session is ending without a person's cancel (engine stop, crash, a parked wait):
   * its requests stay pending; the session hears a denial that interrupts it.
   */
  detachRun(runId: string): void {
    for (const [id, waiter] of [...this.waiters])
      if (waiter.request.runId === runId) this.detach(id);
  }

  /** Requests a person still has to decide for this run, live or left by an ended session. */
  pendingCount(runId: string): number {
    return this.deps.store.approvals.list({ status: 'pending', runId }).length;
  }

  /** The run's requests still waiting for a person. */
  pendingFor(runId: string): Approval[] {
    return this.deps.store.approvals.list({ status: 'pending', runId });
  }

  /** True when the run cannot go on before a person decides, or has a decision to hear. */
  awaitsPerson(runId: string): boolean {
    return this.pendingCount(runId) > 0 || this.deps.store.approvals.unapplied(runId).length > 0;
  }

  /** Requests of a run whose waiting session is live. */
  hasLiveWaiter(runId: string): boolean {
    for (const waiter of this.waiters.values()) if (waiter.request.runId === runId) return true;
    return false;
  }

  /** Denies pending requests whose task timeout has passed (a timeout never allows). */
  expireOverdue(): string[] {
    const { store, clock } = this.deps;
    const expired = store.approvals.expired(clock());
    for (const approval of expired) {
      const minutes = Math.round(((approval.expiresAt ?? clock()) - approval.createdAt) / 60_000);
      const decided = store.approvals.decide(approval.id, {
        status: 'denied',
        message: `Denied: no decision within ${minutes} min (the task's approval timeout).`,
        answers: null,
        always: false,
        at: clock(),
      });
      if (decided && !this.settle(approval.id)) this.continueWithoutSession(approval.runId);
    }
    return expired.map((approval) => approval.id);
  }

  private detach(approvalId: string): void {
    const waiter = this.waiters.get(approvalId);
    if (!waiter) return;
    this.waiters.delete(approvalId);
    waiter.resolve({
      behavior: 'deny',
      message: 'The session is stopping; this request waits for the person.',
      interrupt: true,
    });
  }

  private continueWithoutSession(runId: string): void {
    if (this.pendingCount(runId) === 0) this.deps.onDecidedWithoutSession?.(runId);
  }

  /** Hands a stored decision to the waiting session; false when no session is waiting for it. */
  private settle(approvalId: string): boolean {
    const approval = this.deps.store.approvals.get(approvalId);
    const waiter = this.waiters.get(approvalId);
    this.waiters.delete(approvalId);
    if (!approval) return false;
    const decision = approval.status === 'allowed' ? 'allow' : 'deny';
    this.deps.recordEvent(approval.runId, {
      type: 'approval_decided',
      approvalId,
      decision,
      ...(approval.message ? { message: approval.message } : {}),
      ...(approval.always ? { always: true } : {}),
    });
    this.emit(approvalId);
    if (!waiter) return false;
    this.deps.store.approvals.markApplied(approvalId, this.deps.clock());
    waiter.resolve(toPermissionResult(approval, waiter.request.input));
    this.deps.onPendingChange(approval.runId, this.pendingCount(approval.runId));
    return true;
  }

  /**
   * Trust (allow) or run without the folder's settings (deny), remembered for the folder until
   * its settings change; the run that asked starts with it, so there is nothing left to apply.
   */
  private rememberFolderTrust(approval: Approval, decision: 'allow' | 'deny'): void {
    const { store, clock } = this.deps;
    const { folder, settingsHash } = approval.input;
    if (typeof folder === 'string' && typeof settingsHash === 'string') {
      store.folderTrust.set({
        folder,
        settingsHash,
        decision: decision === 'allow' ? 'trusted' : 'ignored',
        decidedAt: clock(),
      });
    }
    store.approvals.markApplied(approval.id, clock());
  }

  /** The task's allow rules now (its allowed tools and always-allow rules); undefined if gone. */
  rulesOf(taskId: string): string[] | undefined {
    const task = this.deps.store.tasks.get(taskId);
    return task ? taskRules(task) : undefined;
  }

  /** Those of `rules` the task does not hold yet. */
  private newRules(taskId: string, rules: string[]): string[] {
    const held = new Set(this.deps.store.tasks.get(taskId)?.alwaysAllowedTools ?? []);
    return rules.filter((rule) => !held.has(rule));
  }

  private addRules(taskId: string, rules: string[]): void {
    const { store, bus, clock } = this.deps;
    const task = store.tasks.get(taskId);
    if (!task) return;
    const { lastRun: _lastRun, ...record } = task;
    store.tasks.update({
      ...record,
      alwaysAllowedTools: [...task.alwaysAllowedTools, ...rules],
      updatedAt: clock(),
    });
    const updated = store.tasks.get(task.id);
    if (updated) bus.emit('task.updated', updated);
  }

  /** "Always allow" also answers the same task's other pending requests its rules now cover. */
  private allowOthersCovered(taskId: string): void {
    const rules = this.rulesOf(taskId) ?? [];
    const others = this.deps.store.approvals
      .list({ status: 'pending' })
      .filter(
        (a) =>
          a.taskId === taskId &&
          a.kind === 'tool' &&
          rulesCover(rules, a.toolName, a.input, this.workdirOf(a.runId)),
      );
    for (const other of others) {
      this.deps.store.approvals.decide(other.id, {
        status: 'allowed',
        message: null,
        answers: null,
        always: false,
        at: this.deps.clock(),
      });
      if (!this.settle(other.id)) this.continueWithoutSession(other.runId);
    }
  }

  private workdirOf(runId: string): string {
    const run = this.deps.store.runs.get(runId);
    return run?.workdir ?? this.deps.store.tasks.get(run?.taskId ?? '')?.cwd ?? '/';
  }

  private emit(approvalId: string): void {
    const approval = this.deps.store.approvals.get(approvalId);
    if (approval) this.deps.bus.emit('approval.updated', approval);
  }
}

/** The choice a person made among the request's, or the narrowest; undefined when it has none. */
function chosenScope(
  approval: Approval,
  scope: AlwaysScope | undefined,
): Approval['alwaysChoices'][number] | undefined {
  if (approval.kind !== 'tool') return undefined;
  const choices = approval.alwaysChoices;
  if (scope === undefined) return choices[0];
  const choice = choices.find((candidate) => candidate.scope === scope);
  if (!choice) {
    const offered = choices.map((candidate) => candidate.scope).join(', ') || 'none';
    throw badInput('alwaysScope', `this request offers ${offered}`);
  }
  return choice;
}

function toPermissionResult(approval: Approval, input: Record<string, unknown>): PermissionResult {
  if (approval.status !== 'allowed') {
    const reason =
      approval.message ??
      (approval.kind === 'question'
        ? 'The person chose not to answer.'
        : 'The person denied this.');
    return { behavior: 'deny', message: reason };
  }
  if (approval.kind === 'question') {
    return { behavior: 'allow', updatedInput: { ...input, answers: approval.answers ?? {} } };
  }
  return { behavior: 'allow', updatedInput: input };
}

function hasAnswers(answers: Record<string, string> | undefined): boolean {
  return answers !== undefined && Object.values(answers).some((answer) => answer.trim() !== '');
}

/** Reads AskUserQuestion's input defensively: it comes from the model. */
export function parseQuestions(input: Record<string, unknown>): Question[] {
  const raw = input.questions;
  if (!Array.isArray(raw)) return [];
  return (raw as unknown[]).flatMap((item): Question[] => {
    if (typeof item !== 'object' || item === null) return [];
    const q = item as Record<string, unknown>;
    if (typeof q.question !== 'string') return [];
    const options = Array.isArray(q.options) ? (q.options as unknown[]) : [];
    return [
      {
        question: q.question,
        header: typeof q.header === 'string' ? q.header : '',
        multiSelect: q.multiSelect === true,
        options: options.flatMap((o) => {
          if (typeof o !== 'object' || o === null) return [];
          const option = o as Record<string, unknown>;
          return typeof option.label === 'string'
            ? [
                {
                  label: option.label,
                  description: typeof option.description === 'string' ? option.description : '',
                },
              ]
            : [];
        }),
      },
    ];
  });
}
