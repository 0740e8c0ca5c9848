// Run operations behind runs.* and tasks.run: creating runs (manual, follow-up, resume, and the
// triggers' kinds), queueing them, starting their sessions, and stopping them.
import { randomUUID } from 'node:crypto';
import type { MethodParams } from '../../../shared/contract';
import {
  FINISHED_STATUSES,
  type Run,
  type RunEvent,
  type RunTrigger,
  type Task,
} from '../../../shared/domain';
import { ApiError, notFound } from '../../../shared/errors';
import { LIMITS } from '../../../shared/schemas';
import { newId } from '../ids';
import type { RunQueue } from './run-queue';
import type { RunRecorder } from './run-recorder';
import type { ActiveSession, SessionRunner, StopReason } from './session-runner';
import type { ApprovalBroker } from '../approvals/approval-broker';
import { continuationPrompt } from '../approvals/continuation';
import { untrustedBlock } from '../untrusted/untrusted-text';
import { toPublicRun, type RunRecord, type Store } from '../store';

type NewRun = Omit<Parameters<Store['runs']['insert']>[0], 'id' | 'createdAt'>;

interface RunServiceDeps {
  store: Store;
  recorder: RunRecorder;
  runner: SessionRunner;
  approvals: Pick<ApprovalBroker, 'cancelRun'>;
  clock: () => number;
}

export interface NewRunRequest {
  task: Task;
  /** Extra instructions for this run, after the task's own prompt. */
  extraPrompt?: string;
  files?: string[];
  trigger: RunTrigger;
}

const RESUME_PROMPT =
  'The previous session was interrupted. Continue the task from where you left off.';

export class RunService {
  private readonly active = new Map<string, ActiveSession>();
  private queue: RunQueue | undefined;

  constructor(private readonly deps: RunServiceDeps) {}

  /** The queue needs this service to start runs, so it is attached after both exist. */
  attachQueue(queue: RunQueue): void {
    this.queue = queue;
  }

  get activeCount(): number {
    return this.active.size;
  }

  /** Ends a run's session for a reason other than a person's cancel (see StopReason). */
  stop(runId: string, reason: StopReason): boolean {
    const session = this.active.get(runId);
    session?.stop(reason);
    return session !== undefined;
  }

  hasSession(runId: string): boolean {
    return this.active.has(runId);
  }

  /**
   * A run that waited without a session has its decisions: it goes back in the queue and, when it
   * starts, resumes its session told what was decided.
   */
  continueWaiting(runId: string): void {
    const run = this.deps.store.runs.get(runId);
    if (run?.status !== 'waiting' || this.active.has(runId)) return;
    // Parked for a plan window: limits/ re-queues it at the reset, not a person's decision.
    if (run.parkedUntil !== null) return;
    if (this.deps.store.approvals.list({ status: 'pending', runId }).length > 0) return;
    const message = 'Continuing with your decision.';
    this.deps.recorder.event(runId, { type: 'status', status: 'queued', message });
    this.deps.recorder.update(runId, { status: 'queued', heldReason: null });
    this.queue?.enqueue(runId);
  }

  /** Runs of a task that are queued or going; triggers use it for their overlap policy. */
  unfinishedRunsOf(taskId: string): Run[] {
    return this.deps.store.runs
      .withStatus(['queued', 'running', 'waiting'])
      .filter((run) => run.taskId === taskId)
      .map(toPublicRun);
  }

  create(request: NewRunRequest): Run {
    const { task } = request;
    const files = request.files ?? [];
    const record = this.insert({
      taskId: task.id,
      prompt: composePrompt(task.prompt, request.extraPrompt, files),
      files,
      sessionId: randomUUID(),
      sessionStarted: false,
      parentRunId: null,
      trigger: request.trigger,
      model: null,
    });
    return record;
  }

  followUp(params: MethodParams<'runs.followUp'>): Run {
    const parent = this.record(params.runId);
    this.assertContinuable(parent, 'send a follow-up');
    if (!parent.sessionStarted || !parent.sessionId) {
      throw new ApiError(
        'conflict',
        'This run never started a Claude Code session; run the task again instead.',
      );
    }
    return this.insertContinuation(parent, {
      prompt: params.prompt,
      files: [],
      sessionId: parent.sessionId,
      sessionStarted: true,
      trigger: { kind: 'followup' },
    });
  }

  /** Another try at a run that failed on a transient API error (the retry policy). */
  retry(runId: string, detail: { retry: number; retryOf: string }): Run {
    return this.resume(runId, detail);
  }

  /** `detail` says who resumed it when it was not a person: the restart policy, a retry. */
  resume(runId: string, detail?: 'auto' | Record<string, unknown>): Run {
    const parent = this.record(runId);
    this.assertContinuable(parent, 'resume it');
    if (parent.status === 'succeeded') {
      throw new ApiError('conflict', 'This run finished; send a follow-up instead of resuming.');
    }
    const started = parent.sessionStarted && parent.sessionId !== null;
    // Resumed now, by a person or by the retry itself: a retry still counting down is void.
    if (parent.retryAt !== null) this.deps.recorder.update(parent.id, { retryAt: null });
    return this.insertContinuation(parent, {
      // A session that never started is run again from its own prompt.
      prompt: started ? RESUME_PROMPT : parent.prompt,
      files: parent.files,
      sessionId: started && parent.sessionId ? parent.sessionId : randomUUID(),
      sessionStarted: started,
      trigger: {
        kind: 'resume',
        ...(detail === undefined ? {} : { detail: detail === 'auto' ? { auto: true } : detail }),
      },
    });
  }

  cancel(runId: string): Run {
    const run = this.record(runId);
    if (run.retryAt !== null) {
      // A failed run whose retry is counting down: cancelling it calls the retry off.
      const message = 'The retry was called off; the run stays failed.';
      this.deps.recorder.event(runId, { type: 'status', status: run.status, message });
      this.deps.recorder.update(runId, { retryAt: null });
      return toPublicRun(this.record(runId));
    }
    if (FINISHED_STATUSES.includes(run.status)) {
      throw new ApiError(
        'conflict',
        `This run is already ${run.status}; there is nothing to cancel.`,
      );
    }
    // A parked run (waiting for a plan window) has no session to stop either, nor has a run that
    // waits for a person without one (after a restart, or before its folder's settings load).
    const sessionless = run.status === 'waiting' && !this.active.has(runId);
    if (run.status === 'queued' || run.parkedUntil !== null || sessionless) {
      this.queue?.remove(runId);
      this.deps.approvals.cancelRun(runId);
      this.deps.recorder.event(runId, { type: 'status', status: 'cancelled' });
      this.deps.recorder.update(runId, {
        status: 'cancelled',
        endedAt: this.deps.clock(),
        heldReason: null,
        parkedUntil: null,
      });
    } else {
      this.active.get(runId)?.cancel();
    }
    return toPublicRun(this.record(runId));
  }

  get(runId: string): Run {
    return toPublicRun(this.record(runId));
  }

  list(params: MethodParams<'runs.list'>): Run[] {
    return this.deps.store.runs.list(params).map(toPublicRun);
  }

  events(params: MethodParams<'runs.events'>): RunEvent[] {
    this.record(params.runId);
    const limit = params.limit ?? LIMITS.eventsPage;
    return this.deps.store.runs.events(params.runId, params.afterSeq ?? 0, limit, {
      beforeSeq: params.beforeSeq,
      tail: params.tail,
    });
  }

  /** Stops a running run as interrupted, saying why (a budget crossed in flight). */
  interrupt(runId: string, message: string): void {
    this.active.get(runId)?.stop('budget', message);
  }

  /** Called by the queue when a run may start; `prompt` replaces the run's own (a continuation). */
  startSession(runId: string, prompt?: (run: RunRecord) => string | undefined): void {
    const run = this.deps.store.runs.get(runId);
    if (run?.status !== 'queued') return;
    const task = this.deps.store.tasks.get(run.taskId);
    if (!task) {
      this.deps.recorder.update(runId, {
        status: 'failed',
        error: 'Its task was deleted before it could start.',
        endedAt: this.deps.clock(),
      });
      return;
    }
    // A run that ran before (it waited for a person without a session) continues its session;
    // a parked run continues with the plan window's continuation prompt.
    const continuing = run.startedAt !== null && run.sessionStarted;
    const continuation = prompt?.(run);
    const sessionPrompt =
      continuation ??
      (continuing ? continuationPrompt(this.deps.store.approvals.unapplied(runId)) : run.prompt);
    const session = this.deps.runner.start({ ...run, prompt: sessionPrompt }, task);
    this.active.set(runId, session);
    void session.done.finally(() => {
      this.active.delete(runId);
      this.continueWaiting(runId);
      this.queue?.pump();
    });
  }

  /** Ends every session (engine shutdown) and waits for them: they end `interrupted`. */
  async stopAll(): Promise<void> {
    const sessions = [...this.active.values()];
    for (const session of sessions) session.stop('shutdown');
    await Promise.allSettled(sessions.map((session) => session.done));
  }

  /** A run that goes on from `parent`: same task, folder and model, linked back to it. */
  private insertContinuation(
    parent: RunRecord,
    run: Pick<NewRun, 'prompt' | 'files' | 'sessionId' | 'sessionStarted' | 'trigger'>,
  ): Run {
    return this.insert({
      taskId: parent.taskId,
      parentRunId: parent.id,
      workdir: parent.workdir,
      model: parent.model,
      ...run,
    });
  }

  private insert(run: NewRun): Run {
    const id = newId('run');
    const { store, recorder, clock } = this.deps;
    store.runs.insert({ ...run, id, createdAt: clock() });
    recorder.event(id, { type: 'prompt', text: run.prompt, files: run.files });
    recorder.event(id, { type: 'status', status: 'queued' });
    const created = recorder.announce(id);
    if (!created) throw notFound('run', id);
    this.queue?.enqueue(id);
    return toPublicRun(this.record(id));
  }

  private assertContinuable(run: RunRecord, action: string): void {
    if (!FINISHED_STATUSES.includes(run.status)) {
      throw new ApiError(
        'conflict',
        `This run is still ${run.status}; wait for it to end to ${action}.`,
      );
    }
    const busy = this.deps.store.runs
      .withStatus(['queued', 'running', 'waiting'])
      .some((other) => other.sessionId !== null && other.sessionId === run.sessionId);
    if (busy) throw new ApiError('conflict', 'Another run of this session is still going.');
    if (!this.deps.store.tasks.get(run.taskId)) {
      throw new ApiError('conflict', 'Its task was deleted.');
    }
  }

  private record(runId: string): RunRecord {
    const run = this.deps.store.runs.get(runId);
    if (!run) throw notFound('run', runId);
    return run;
  }
}

export function composePrompt(base: string, extra: string | undefined, files: string[]): string {
  const parts = [base.trim()];
  if (extra?.trim()) parts.push(extra.trim());
  if (files.length > 0) {
    // File names are outside text too: a downloaded file's name is chosen by whoever made it.
    const list = files.map((f) => `- ${f}`).join('\n');
    parts.push(
      `Files for this run (local paths; read them from disk).\n\n${untrustedBlock('the list of files given to this run', list)}`,
    );
  }
  return parts.join('\n\n');
}
