// Runs one Claude Code session for a run: streams its messages into the transcript, keeps the
// run's status, cost and usage current, routes permission requests to the approval broker, and
// stops it on request (interrupt first, then terminate after a grace period).
import type { Options, Query, SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import type { ModelUsage, RunStatus, Task } from '../../../shared/domain';
import type { ApprovalBroker } from '../approvals/approval-broker';
import { spawnClaudeProcess, type SpawnFunction } from '../lifecycle/claude-process';
import type { RunRecorder } from './run-recorder';
import { LiveUsage } from './live-usage';
import { prepareWorkdir } from './workdir';
import { buildSessionOptions } from './session-options';
import type { RunRecord } from '../store';
import { TranscriptNormalizer, type EventDraft } from './transcript-normalizer';
import { launchSession, type QueryFunction, type SessionInput } from './session-launch';
import type { WarmSpare } from './warm-spare';

export type { QueryFunction };

export interface SessionRunnerDeps {
  query: QueryFunction;
  spawn: SpawnFunction;
  recorder: RunRecorder;
  approvals: ApprovalBroker;
  /** Everything the options need that is not the run itself. */
  environment: (task: Task) => Promise<{
    settings: Parameters<typeof buildSessionOptions>[0]['settings'];
    baseEnv: Record<string, string | undefined>;
    secretEnv: Record<string, string>;
  }>;
  clock: () => number;
  /** How long an interrupted session gets to stop by itself before it is terminated. */
  cancelGraceMs?: number;
  /** Where git worktrees for isolated runs are created. */
  worktreeRoot: string;
  /** How often buffered text is released to the transcript. */
  flushIntervalMs?: number;
  /** A prewarmed Claude Code process runs may claim instead of starting one. */
  spare?: WarmSpare;
}

export interface ActiveSession {
  runId: string;
  done: Promise<void>;
  cancel(): void;
}

const STDERR_TAIL_CHARS = 4_000;
const LIVE_USAGE_MS = 500;
/** Longest stretch spent on a backlog of SDK messages before yielding to the event loop. */
const BACKLOG_SLICE_MS = 8;

export class SessionRunner {
  constructor(private readonly deps: SessionRunnerDeps) {}

  start(run: RunRecord, task: Task): ActiveSession {
    const abort = new AbortController();
    let cancelRequested = false;
    let query: Query | undefined;
    const graceMs = this.deps.cancelGraceMs ?? 3_000;

    const cancel = () => {
      if (cancelRequested) return;
      cancelRequested = true;
      this.deps.approvals.cancelRun(run.id);
      void query?.interrupt().catch(() => undefined);
      setTimeout(() => abort.abort(), graceMs).unref();
    };
    const done = this.drive(
      run,
      task,
      abort,
      (q) => (query = q),
      () => cancelRequested,
    );
    return { runId: run.id, done, cancel };
  }

  private async drive(
    run: RunRecord,
    task: Task,
    abort: AbortController,
    exposeQuery: (query: Query) => void,
    isCancelled: () => boolean,
  ): Promise<void> {
    const { recorder, clock } = this.deps;
    const normalizer = new TranscriptNormalizer();
    const live = new LiveUsage();
    let liveTimer: NodeJS.Timeout | undefined;
    let stderrTail = '';
    let outcome: { status: RunStatus; error: string | null } | undefined;
    let flushTimer: NodeJS.Timeout | undefined;
    let input: SessionInput | undefined;

    const record = (drafts: EventDraft[]) => {
      for (const draft of drafts) {
        recorder.event(run.id, draft);
        if (draft.type === 'session') {
          recorder.update(run.id, {
            sessionId: draft.sessionId,
            sessionStarted: true,
            model: draft.model,
          });
        }
      }
    };
    // Live token counts go out at most every LIVE_USAGE_MS; the result replaces them with totals.
    const scheduleLiveUsage = () => {
      if (liveTimer) return;
      liveTimer = setTimeout(() => {
        liveTimer = undefined;
        if (outcome === undefined) recorder.updateLive(run.id, live.snapshot());
      }, LIVE_USAGE_MS);
    };
    const scheduleFlush = () => {
      if (flushTimer || !normalizer.hasPending) return;
      flushTimer = setTimeout(() => {
        flushTimer = undefined;
        record(normalizer.flush());
      }, this.deps.flushIntervalMs ?? 50);
    };

    recorder.update(run.id, { status: 'running', startedAt: clock(), heldReason: null });
    let startedEvent = false;
    try {
      const workdir = await prepareWorkdir({
        task,
        runId: run.id,
        inherited: run.workdir,
        worktreeRoot: this.deps.worktreeRoot,
      });
      if (workdir !== run.workdir) recorder.update(run.id, { workdir });
      const environment = await this.deps.environment(task);
      recorder.protectSecrets(run.id, environment.secretEnv);
      if (isCancelled()) throw new Error('cancelled before start');
      const processHooks = {
        lowerPriority: environment.settings.performance.lowerClaudePriority,
        onSpawn: (pid: number) => recorder.update(run.id, { pid }),
        onExit: () => recorder.update(run.id, { pid: null }),
        onStderr: (text: string) => (stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS)),
      };
      const options: Options = {
        ...buildSessionOptions({ task, run: { ...run, workdir }, ...environment }),
        abortController: abort,
        canUseTool: (toolName, toolInput, context) =>
          this.deps.approvals.request({
            runId: run.id,
            taskId: task.id,
            toolName,
            input: toolInput,
            toolUseId: context.toolUseID,
            title: context.title ?? null,
            description: context.description ?? null,
            signal: context.signal,
          }),
        spawnClaudeCodeProcess: (spawnOptions) =>
          spawnClaudeProcess(this.deps.spawn, spawnOptions, processHooks),
      };
      const launched = await launchSession({
        query: this.deps.query,
        spare: this.deps.spare,
        options,
        prompt: run.prompt,
        binding: { ...processHooks, signal: abort.signal },
      });
      ({ input } = launched);
      const { query } = launched;
      // The run's first session event says whether it started warm or cold (and why cold).
      recorder.event(run.id, { type: 'status', status: 'running', message: launched.note });
      startedEvent = true;
      exposeQuery(query);
      if (isCancelled()) void query.interrupt().catch(() => undefined);
      let sliceStarted = performance.now();
      for await (const message of query) {
        // A backlog of messages arrives as one chain of microtasks: let timers and I/O in.
        if (performance.now() - sliceStarted > BACKLOG_SLICE_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          sliceStarted = performance.now();
        }
        record(normalizer.push(message));
        scheduleFlush();
        if (live.push(message)) scheduleLiveUsage();
        if (message.type === 'result') {
          outcome = this.onResult(run.id, message);
          input.end();
        }
      }
    } catch (error) {
      // After an error result the SDK also throws; the result already said what went wrong.
      if (!startedEvent) recorder.event(run.id, { type: 'status', status: 'running' });
      if (!isCancelled() && outcome === undefined) {
        const message = describeFailure(error, stderrTail);
        recorder.event(run.id, { type: 'error', message });
        outcome = { status: 'failed', error: message };
      }
    } finally {
      clearTimeout(flushTimer);
      clearTimeout(liveTimer);
      record(normalizer.flush());
      input?.end();
      this.deps.approvals.cancelRun(run.id);
    }
    const final = isCancelled()
      ? { status: 'cancelled' as const, error: null }
      : (outcome ?? { status: 'failed' as const, error: describeFailure(null, stderrTail) });
    recorder.event(run.id, {
      type: 'status',
      status: final.status,
      ...(final.error ? { message: final.error } : {}),
    });
    recorder.update(run.id, {
      status: final.status,
      error: final.error,
      endedAt: clock(),
      pid: null,
    });
    recorder.releaseSecrets(run.id);
  }

  private onResult(
    runId: string,
    message: Extract<SDKMessage, { type: 'result' }>,
  ): { status: RunStatus; error: string | null } {
    const modelUsage: ModelUsage[] = Object.entries(message.modelUsage).map(([model, usage]) => ({
      model,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      cacheReadInputTokens: usage.cacheReadInputTokens,
      cacheCreationInputTokens: usage.cacheCreationInputTokens,
      costUsd: usage.costUSD,
    }));
    const succeeded = message.subtype === 'success' && !message.is_error;
    const error = succeeded ? null : resultError(message);
    this.deps.recorder.update(runId, {
      costUsd: message.total_cost_usd,
      usage: {
        inputTokens: message.usage.input_tokens,
        outputTokens: message.usage.output_tokens,
        cacheReadInputTokens: message.usage.cache_read_input_tokens,
        cacheCreationInputTokens: message.usage.cache_creation_input_tokens,
      },
      numTurns: message.num_turns,
      result: message.subtype === 'success' ? message.result : null,
      error,
    });
    this.deps.recorder.modelUsage(runId, modelUsage);
    return { status: succeeded ? 'succeeded' : 'failed', error };
  }
}

const RESULT_ERRORS: Record<string, string> = {
  error_max_turns: 'Stopped: the task reached its turn limit.',
  error_max_budget_usd: 'Stopped: the task reached its budget.',
  error_during_execution: 'Claude Code stopped with an error.',
};

function resultError(message: Extract<SDKMessage, { type: 'result' }>): string {
  if (message.subtype === 'success') return message.result || 'Claude Code reported an error.';
  const detail = message.errors.filter(Boolean).join('; ');
  const base = RESULT_ERRORS[message.subtype] ?? `Claude Code stopped (${message.subtype}).`;
  return detail ? `${base} ${detail}` : base;
}

function describeFailure(error: unknown, stderrTail: string): string {
  const base = error instanceof Error ? error.message : 'Claude Code ended without a result.';
  const tail = stderrTail.trim().split('\n').slice(-5).join('\n');
  return tail && !base.includes(tail) ? `${base}\n${tail}` : base;
}
