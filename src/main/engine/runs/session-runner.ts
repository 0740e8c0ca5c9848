// Runs one Claude Code session for a run: streams its messages into the transcript, keeps the
// run's status, cost and usage current, routes permission requests to the approval broker, and
// stops it on request (interrupt first, then terminate after a grace period).
import type { McpServerConfig, Options, Query, SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import {
  SECRET_REQUEST_TOOL,
  SWITCHBOARD_MCP_SERVER,
  type RunStatus,
  type Task,
  type TokenUsage,
} from '../../../shared/domain';
import type { ApprovalBroker } from '../approvals/approval-broker';
import type { SessionReviewHooks } from '../review/review-service';
import {
  spawnClaudeProcess,
  type GroupRegistry,
  type SpawnFunction,
} from '../lifecycle/claude-process';
import type { RunRecorder } from './run-recorder';
import { coalesce } from './coalesce';
import { LiveUsage } from './live-usage';
import { addUsage, resultUsage } from './session-usage';
import { estimateCostUsd } from '../costs/model-prices';
import { addModelUsage, NOTHING_SPENT, processSpend, type SessionSpend } from './session-spend';
import { prepareWorkdir } from './workdir';
import { fatalApiError } from './fatal-api-error';
import { explainRootRefusal } from './root-bypass';
import { buildSessionOptions } from './session-options';
import type { RunRecord } from '../store';
import { TranscriptNormalizer, type EventDraft } from './transcript-normalizer';
import { launchSession, type QueryFunction, type SessionInput } from './session-launch';
import type { WarmSpare } from './warm-spare';
import type { RemoteSession } from '../places/place-service';
import {
  answerByPolicy,
  permissionHook,
  taskRules,
  type SessionPermissions,
} from '../approvals/permission-policy';
import { modeAfterPlan, PLAN_TOOL } from '../review/plan-approval';
import { ALL_SETTING_SOURCES, type SettingsDecision } from '../untrusted/folder-trust';
import { watchMcpServers } from '../equipment/mcp-status';

export type { QueryFunction };

export interface SessionRunnerDeps {
  query: QueryFunction;
  spawn: SpawnFunction;
  /** The orphan watchdog: ends the session's process group if the engine dies. */
  groups?: GroupRegistry;
  recorder: RunRecorder;
  approvals: ApprovalBroker;
  /** Everything the options need that is not the run itself. */
  environment: (task: Task) => Promise<{
    settings: Parameters<typeof buildSessionOptions>[0]['settings'];
    baseEnv: Record<string, string | undefined>;
    secretEnv: Record<string, string>;
    /** Every secret value known (given to this run or not): none of them is ever recorded. */
    redacted: Record<string, string>;
    /** The task's own MCP servers, secrets filled in. */
    mcpServers?: Parameters<typeof buildSessionOptions>[0]['mcpServers'];
  }>;
  clock: () => number;
  /** How long an interrupted session gets to stop by itself before it is terminated. */
  cancelGraceMs?: number;
  /** Where git worktrees for isolated runs are created. */
  worktreeRoot: string;
  /** How often buffered text is released to the transcript. */
  flushIntervalMs?: number;
  /** Records where each run starts and ends, so its changes can be reviewed. */
  review?: SessionReviewHooks;
  /** A prewarmed Claude Code process runs may claim instead of starting one. */
  spare?: WarmSpare;
  /** Plan windows and budgets watch the session (limits/, costs/). */
  observer?: SessionObserver;
  /** Which settings the run's folder may load, or that the person is asked first (folder trust). */
  projectSettings?: (runId: string, task: Task, workdir: string) => SettingsDecision;
  /** Where a task's runs happen when not on this machine (places/). */
  places?: { sessionFor(task: Task): RemoteSession | null };
  /** Told how each session ended, for the retry policy. */
  onEnded?: (runId: string, ending: SessionEnding) => void;
  /** The task's own skills, as a plugin folder for one run (equipment/skill-library.ts). */
  skills?: {
    pluginFor(runId: string, task: Task): string | null;
    ended(runId: string): void;
  };
  /** Secrets the agent asks for mid-run (secrets/secret-requests.ts); local runs only. */
  secretRequests?: SessionSecretRequests;
}

/** What the runner needs of secret requests. */
export interface SessionSecretRequests {
  /** Switchboard's in-process server with the request_secret tool, for one run. */
  serverFor(runId: string): McpServerConfig;
  /** Values the person gave this run's session so far (redacted from its records). */
  givenFor(run: RunRecord): Record<string, string>;
  /** The run ended with `status`: a finished run's given values are forgotten. */
  ended(runId: string, status: RunStatus): void;
}

export interface SessionObserver {
  /** Every SDK message, after the transcript recorded it. */
  message(runId: string, message: SDKMessage): void;
  /** True once the plan window refused this session (its error may become a parked wait). */
  refused?(runId: string): boolean;
  /** The session ended by itself; true when the observer took over the run (parked it). */
  ended(runId: string, final: { status: RunStatus; error: string | null }): boolean;
}

/** How a session ended, as far as the retry policy cares. */
export interface SessionEnding {
  status: RunStatus;
  /** The HTTP status of the API error that ended it, when one did. */
  apiErrorStatus: number | null;
  /** Claude Code's name for that error (rate_limit, overloaded, server_error, …). */
  apiError: string | null;
}

/**
 * Why a session is being ended: a person cancelled the run; the engine is stopping (the run ends
 * `interrupted`, resumable); the run waited too long for a person (it waits on without a session);
 * it stalled and the settings say stop it; a budget was crossed while it ran (ends `interrupted`,
 * with the budget's words); the API refused in a way no retry mends (a rejected key: ends `failed`
 * at once, with the words of fatal-api-error).
 */
export type StopReason = 'cancel' | 'shutdown' | 'park' | 'stall' | 'budget' | 'fatal';

export interface ActiveSession {
  runId: string;
  done: Promise<void>;
  cancel(): void;
  /** Ends the session for `reason`; `message` says why where the reason needs words (a budget). */
  stop(reason: StopReason, message?: string): void;
}

const STDERR_TAIL_CHARS = 4_000;
const LIVE_USAGE_MS = 500;
/** Longest stretch spent on a backlog of SDK messages before yielding to the event loop. */
const BACKLOG_SLICE_MS = 8;

export class SessionRunner {
  constructor(private readonly deps: SessionRunnerDeps) {}

  start(run: RunRecord, task: Task): ActiveSession {
    const abort = new AbortController();
    let stopReason: StopReason | undefined;
    let query: Query | undefined;
    let stopMessage: string | undefined;
    const graceMs = this.deps.cancelGraceMs ?? 3_000;

    const stop = (reason: StopReason, message?: string) => {
      if (stopReason) return;
      stopReason = reason;
      stopMessage = message;
      // Only a person's cancel withdraws the requests; otherwise they wait for the person.
      if (reason === 'cancel') this.deps.approvals.cancelRun(run.id);
      else this.deps.approvals.detachRun(run.id);
      // A session the API refuses for good has nothing left to finish: it ends at once.
      if (reason === 'fatal') {
        abort.abort();
        return;
      }
      void query?.interrupt().catch(() => undefined);
      setTimeout(() => abort.abort(), graceMs).unref();
    };
    const done = this.drive(
      run,
      task,
      abort,
      (q) => (query = q),
      () => stopReason,
      () => stopMessage,
      stop,
    );
    return { runId: run.id, done, cancel: () => stop('cancel'), stop };
  }

  private async drive(
    run: RunRecord,
    task: Task,
    abort: AbortController,
    exposeQuery: (query: Query) => void,
    stopReason: () => StopReason | undefined,
    stopMessage: () => string | undefined,
    stop: (reason: StopReason, message?: string) => void,
  ): Promise<void> {
    const isCancelled = () => stopReason() !== undefined;
    const { recorder, clock } = this.deps;
    const normalizer = new TranscriptNormalizer();
    const live = new LiveUsage();
    let model = run.model;
    let stderrTail = '';
    let outcome: { status: RunStatus; error: string | null } | undefined;
    let input: SessionInput | undefined;
    let apiError: string | null = null;
    let apiErrorStatus: number | null = null;
    let remote: RemoteSession | null = null;
    let reviewed = true;
    const review = this.deps.review;

    // What the session says after it was refused by the plan window (its error, its result) waits
    // here: when the run is parked, the parking says why and these are not the run's end.
    const heldBack: EventDraft[] = [];
    const record = (drafts: EventDraft[]) => {
      for (const draft of drafts) {
        if (this.isInterruptionEcho(run.id, draft)) continue;
        if (
          (draft.type === 'error' || draft.type === 'result') &&
          this.deps.observer?.refused?.(run.id) === true
        ) {
          heldBack.push(draft);
          continue;
        }
        recorder.event(run.id, draft);
        if (draft.type === 'session') {
          recorder.update(run.id, {
            sessionId: draft.sessionId,
            sessionStarted: true,
            model: draft.model,
          });
          model = draft.model;
        }
      }
    };
    // Live token counts go out at most every LIVE_USAGE_MS; the result replaces them with totals.
    // Both count on top of what earlier sessions of the run (before a wait) recorded.
    const writeLive = () => {
      const { usage, numTurns } = live.snapshot();
      if (outcome !== undefined || numTurns === 0) return;
      recorder.updateLive(run.id, {
        usage: addUsage(run.usage, usage),
        numTurns,
        costUsd: run.costUsd + estimateCostUsd(model, usage),
      });
    };
    const liveUsage = coalesce(LIVE_USAGE_MS, writeLive);
    const sessionBefore = run.sessionId ? recorder.sessionSpend(run.sessionId) : NOTHING_SPENT;
    const flush = coalesce(this.deps.flushIntervalMs ?? 50, () => record(normalizer.flush()));

    recorder.update(run.id, { status: 'running', startedAt: clock(), heldReason: null });
    let startedEvent = false;
    try {
      // First what can refuse the run (a gone folder, a mode Claude Code refuses, a missing
      // secret), so a refused run leaves no worktree behind.
      const environment = await this.deps.environment(task);
      remote = this.deps.places?.sessionFor(task) ?? null;
      // A container works in a folder of this machine: prepared, and reviewed, as here.
      reviewed = remote === null || remote.sharesFolder;
      const workdir =
        remote !== null && !remote.sharesFolder
          ? this.startInPlace(run, remote)
          : await this.prepareLocal(run, task, review);
      if (remote?.sharesFolder) this.noteInPlace(run, remote);
      // A far folder's own settings cannot be looked at before they load: only the user's load.
      const settings = remote
        ? REMOTE_SETTINGS
        : (this.deps.projectSettings?.(run.id, task, workdir) ?? {
            ask: false,
            sources: ALL_SETTING_SOURCES,
            note: null,
          });
      // Nothing of the folder's settings has run yet: the run waits for the person's decision.
      if (settings.ask) throw new AwaitingPerson();
      const reviewHooks = reviewed ? await review?.started(run, workdir) : undefined;
      // Secret requests reach a shell on this machine only (not one in a container or over SSH);
      // a task can refuse them for good.
      const secretRequests =
        remote || task.disallowedTools.includes(SECRET_REQUEST_TOOL)
          ? undefined
          : this.deps.secretRequests;
      recorder.protectSecrets(run.id, {
        ...environment.redacted,
        ...environment.secretEnv,
        ...secretRequests?.givenFor(run),
      });
      if (isCancelled()) throw new Error('cancelled before start');
      const processHooks = {
        lowerPriority: environment.settings.performance.lowerClaudePriority,
        onSpawn: (pid: number, spawnedAt = Date.now()) =>
          recorder.update(run.id, { pid, pidStartedAt: spawnedAt }),
        onExit: () => recorder.update(run.id, { pid: null }),
        onStderr: (text: string) => (stderrTail = (stderrTail + text).slice(-STDERR_TAIL_CHARS)),
      };
      const permissions: SessionPermissions = {
        mode: task.permissionMode,
        // Read on each request: an always-allow given during the run counts at once.
        rules: () => this.deps.approvals.rulesOf(task.id) ?? taskRules(task),
        workdir,
      };
      const options: Options = {
        ...buildSessionOptions({
          task,
          run: { ...run, workdir },
          ...environment,
          settingSources: settings.sources,
        }),
        abortController: abort,
        hooks: {
          ...reviewHooks,
          PreToolUse: [permissionHook(permissions), ...(reviewHooks?.PreToolUse ?? [])],
        },
        canUseTool: async (toolName, toolInput, context) => {
          // A secret request always goes to the person, whatever the rules allow.
          const byPolicy =
            toolName === SECRET_REQUEST_TOOL
              ? ({ behavior: 'ask' } as const)
              : answerByPolicy(permissions, toolName, toolInput);
          if (byPolicy.behavior === 'allow') return { behavior: 'allow', updatedInput: toolInput };
          if (byPolicy.behavior === 'deny') return byPolicy;
          await review?.approvalAsked(run.id, context.toolUseID);
          const result = await this.deps.approvals.request({
            runId: run.id,
            taskId: task.id,
            toolName,
            input:
              (await review?.approvalInput(run.id, toolName, toolInput, context.toolUseID)) ??
              toolInput,
            toolUseId: context.toolUseID,
            title: context.title ?? null,
            description: context.description ?? null,
            signal: context.signal,
          });
          // An approved plan: the session works in the task's normal mode from now on.
          if (toolName === PLAN_TOOL && result.behavior === 'allow') {
            permissions.mode = modeAfterPlan(environment.settings);
          }
          await review?.approvalAnswered(run.id, context.toolUseID, result.behavior === 'allow');
          return review?.decided(toolName, toolInput, result) ?? result;
        },
        spawnClaudeCodeProcess: (spawnOptions) =>
          remote
            ? remote.spawn(
                this.deps.spawn,
                spawnOptions,
                processHooks,
                this.deps.groups,
                Object.keys(environment.secretEnv),
              )
            : spawnClaudeProcess(this.deps.spawn, spawnOptions, processHooks, this.deps.groups),
      };
      // A far place has no copy of the library: the skills come with local runs only.
      const skillsPlugin = remote ? null : (this.deps.skills?.pluginFor(run.id, task) ?? null);
      if (skillsPlugin !== null) {
        options.plugins = [{ type: 'local', path: skillsPlugin, skipMcpDiscovery: true }];
      }
      const launched = await launchSession({
        query: this.deps.query,
        // The warm spare is a local process: a run elsewhere always starts its own.
        spare: remote ? undefined : this.deps.spare,
        options,
        ownServers: secretRequests
          ? { [SWITCHBOARD_MCP_SERVER]: secretRequests.serverFor(run.id) }
          : undefined,
        prompt: run.prompt,
        binding: { ...processHooks, signal: abort.signal },
      });
      ({ input } = launched);
      const { query } = launched;
      // The run's first session event says whether it started warm or cold (and why cold).
      const note = settings.note ? `${launched.note} ${settings.note}` : launched.note;
      recorder.event(run.id, { type: 'status', status: 'running', message: note });
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
        const fatal = fatalApiError(message);
        if (fatal !== null) {
          // Not "trying again": Claude Code would, for minutes, and fail the same way.
          ({ apiError, apiErrorStatus } = fatal);
          stop('fatal', fatal.message);
          break;
        }
        record(normalizer.push(message));
        watchMcpServers({
          query,
          message,
          onSettled: (servers) => {
            if (outcome === undefined) record([{ type: 'mcp_servers', servers }]);
          },
        });
        if (normalizer.hasPending) flush.request();
        if (live.push(message)) liveUsage.request();
        this.deps.observer?.message(run.id, message);
        if (message.type === 'assistant' && message.error) apiError = message.error;
        if (message.type === 'result') {
          if (message.subtype === 'success') apiErrorStatus = message.api_error_status ?? null;
          outcome = this.onResult(run, message, sessionBefore, live.snapshot().usage);
          input.end();
        }
      }
    } catch (error) {
      // Waiting before the start: the request it made says why, and finalStatus keeps it waiting.
      if (!(error instanceof AwaitingPerson)) {
        // After an error result the SDK also throws; the result already said what went wrong.
        if (!startedEvent) recorder.event(run.id, { type: 'status', status: 'running' });
        if (!isCancelled() && outcome === undefined) {
          const message = describeFailure(error, stderrTail);
          recorder.event(run.id, { type: 'error', message });
          outcome = { status: 'failed', error: message };
        }
      }
    } finally {
      flush.cancel();
      liveUsage.cancel();
      // Ended without a result (killed after Stop): the last live count is what the run used.
      writeLive();
      record(normalizer.flush());
      input?.end();
      this.deps.approvals.detachRun(run.id);
    }
    const final = finalStatus(
      stopReason(),
      stopMessage(),
      this.deps.approvals.awaitsPerson(run.id),
      outcome ?? { status: 'failed' as const, error: describeFailure(null, stderrTail) },
    );
    if (stopReason() === undefined && this.deps.observer?.ended(run.id, final) === true) {
      recorder.releaseSecrets(run.id);
      return;
    }
    for (const draft of heldBack.splice(0)) recorder.event(run.id, draft);
    if (reviewed) await review?.ended(run, task, final.status);
    recorder.event(run.id, {
      type: 'status',
      status: final.status,
      ...(final.message ? { message: final.message } : {}),
    });
    recorder.update(run.id, {
      status: final.status,
      error: final.error,
      // A run that waits for a person has not ended: it continues when they decide.
      endedAt: final.status === 'waiting' ? null : clock(),
      pid: null,
    });
    recorder.releaseSecrets(run.id);
    this.deps.secretRequests?.ended(run.id, final.status);
    this.deps.skills?.ended(run.id);
    this.deps.onEnded?.(run.id, { status: final.status, apiErrorStatus, apiError });
  }

  /** A run in another place works in that place's folder; lists show where it ran. */
  private startInPlace(run: RunRecord, remote: RemoteSession): string {
    this.deps.recorder.update(run.id, { workdir: remote.folder });
    this.noteInPlace(run, remote);
    return remote.folder;
  }

  /** Lists and the run's first event say where it runs. */
  private noteInPlace(run: RunRecord, remote: RemoteSession): void {
    const { recorder } = this.deps;
    recorder.update(run.id, { place: remote.place });
    recorder.event(run.id, {
      type: 'status',
      status: 'running',
      message: `Runs in ${remote.place.name} (${remote.place.where}).`,
    });
  }

  /** The task's folder or a worktree of it (isolation), on this machine. */
  private async prepareLocal(
    run: RunRecord,
    task: Task,
    review: SessionReviewHooks | undefined,
  ): Promise<string> {
    const prepared = await prepareWorkdir({
      task,
      runId: run.id,
      inherited: run.workdir,
      worktreeRoot: this.deps.worktreeRoot,
      continuation: review?.continuation,
    });
    const workdir = prepared.path;
    const { recorder } = this.deps;
    if (workdir !== run.workdir) recorder.update(run.id, { workdir });
    if (prepared.note !== null) {
      recorder.event(run.id, { type: 'status', status: 'running', message: prepared.note });
    }
    return workdir;
  }

  /**
   * The session's own echo of being cut off under a request the person has not answered: Claude
   * Code answers the pending tool call with "The user doesn't want to proceed…" and ends its turn
   * with an error. Neither happened: the request still waits for the person (and the session
   * that resumes the run gets the real answer), so the transcript keeps neither.
   */
  private isInterruptionEcho(runId: string, draft: EventDraft): boolean {
    if (draft.type !== 'tool_result' && draft.type !== 'result') return false;
    const pending = this.deps.approvals.pendingFor(runId);
    if (draft.type === 'result') return pending.length > 0;
    return pending.some((approval) => approval.toolUseId === draft.toolUseId);
  }

  /**
   * A run continued after a wait adds this process's figures to its earlier ones; `sessionBefore`
   * is what the session had spent when this process started (see session-spend.ts).
   */
  private onResult(
    run: RunRecord,
    message: Extract<SDKMessage, { type: 'result' }>,
    sessionBefore: SessionSpend,
    liveUsage: TokenUsage,
  ): { status: RunStatus; error: string | null } {
    const runId = run.id;
    const spent = processSpend(message, sessionBefore);
    const modelUsage = addModelUsage(run.modelUsage, spent.modelUsage);
    const succeeded = message.subtype === 'success' && !message.is_error;
    const error = succeeded ? null : resultError(message);
    this.deps.recorder.update(runId, {
      costUsd: run.costUsd + spent.costUsd,
      usage: addUsage(run.usage, resultUsage(message.usage, spent.modelUsage, liveUsage)),
      numTurns: message.num_turns,
      result: message.subtype === 'success' ? message.result : null,
      error,
    });
    this.deps.recorder.modelUsage(runId, modelUsage);
    return { status: succeeded ? 'succeeded' : 'failed', error };
  }
}

const REMOTE_SETTINGS: SettingsDecision = {
  ask: false,
  sources: ['user'],
  note: "The folder's own Claude Code settings are not loaded in another place.",
};

/** Thrown before a session starts when the run has to wait for a person's decision first. */
class AwaitingPerson extends Error {}

const STOP_MESSAGES: Record<Exclude<StopReason, 'cancel' | 'park' | 'budget' | 'fatal'>, string> = {
  shutdown: 'Switchboard stopped while this run was going. Resume continues the session.',
  stall: 'Stopped: no sign of life for too long (Settings → Runs). Resume continues the session.',
};
const WAITING_MESSAGE = 'Waiting for your decision; the run continues when you decide.';

/** How a session's end reads as the run's status. */
function finalStatus(
  reason: StopReason | undefined,
  reasonMessage: string | undefined,
  awaitsPerson: boolean,
  outcome: { status: RunStatus; error: string | null },
): { status: RunStatus; error: string | null; message?: string } {
  if (reason === 'cancel') return { status: 'cancelled', error: null };
  if (reason === 'budget') {
    const error = reasonMessage ?? 'Stopped: a budget was reached.';
    return { status: 'interrupted', error, message: error };
  }
  if (reason === 'fatal') {
    const error = reasonMessage ?? 'The API refused the session.';
    return { status: 'failed', error, message: error };
  }
  // A request the person has not answered (or an answer not yet heard) keeps the run waiting.
  if (awaitsPerson) return { status: 'waiting', error: null, message: WAITING_MESSAGE };
  if (reason === 'shutdown' || reason === 'stall') {
    return { status: 'interrupted', error: STOP_MESSAGES[reason], message: STOP_MESSAGES[reason] };
  }
  return { ...outcome, ...(outcome.error ? { message: outcome.error } : {}) };
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
  const described = tail && !base.includes(tail) ? `${base}\n${tail}` : base;
  return explainRootRefusal(described) ?? described;
}
