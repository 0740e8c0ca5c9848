// Keeps one Claude Code process started ahead of need (the Agent SDK's prewarm()), so the next
// run skips process start, module load, config and auth. The run that claims it gets a new spare
// prewarmed after it; a spare whose host-level options no longer match is closed and replaced.
import type {
  CanUseTool,
  ClaimOptions,
  HookInput,
  HookJSONOutput,
  Options,
  Query,
  SDKUserMessage,
  SpareProcess,
} from '@anthropic-ai/claude-agent-sdk';
import {
  spawnClaudeProcess,
  type GroupRegistry,
  type SpawnFunction,
} from '../lifecycle/claude-process';
import { FILE_CHANGING_MATCHER, matcherSelects } from '../review/file-changing-tools';
import { START_WAIT_SECONDS as RUN_HOOK_TIMEOUT_SECONDS } from '../review/touched-files';
import { hostFingerprint, type HostOptions } from './spare-options';

export type PrewarmFunction = (params: {
  options?: Options;
  initializeTimeoutMs?: number;
}) => Promise<SpareProcess>;

/** What the spare should be prewarmed with now; enabled false means keep none. */
export interface SparePlan {
  enabled: boolean;
  host: HostOptions;
  lowerPriority: boolean;
}

export interface WarmSpareDeps {
  prewarm: PrewarmFunction;
  spawn: SpawnFunction;
  /** The orphan watchdog: a parked spare's process group ends with the engine too. */
  groups?: GroupRegistry;
  plan: () => Promise<SparePlan>;
  /** Pause after a claim before the next spare starts, so it does not compete with that run. */
  refillDelayMs?: number;
  /** Pause before trying again after a spare failed to start or died while parked. */
  retryDelayMs?: number;
  /** How long stop() waits, at most, for a warm-up in flight and the parked process to end. */
  stopDeadlineMs?: number;
}

/** How the claiming run's callbacks reach the process that was started before the run existed. */
export interface SpareBinding {
  canUseTool: CanUseTool;
  /** The run's own hooks (the review's file tracking): the spare's hooks hand each call on. */
  hooks?: Options['hooks'];
  /** `spawnedAt`: when the process really started, so the reaper can tell it from a reused PID. */
  onSpawn: (pid: number, spawnedAt: number) => void;
  onExit: (pid: number) => void;
  onStderr: (text: string) => void;
  /** The run's own abort: aborting it terminates the claimed process. */
  signal: AbortSignal;
}

export type ClaimOutcome =
  | { warm: true; query: Query; parkedMs: number | null; note: string | null }
  | { warm: false; reason: string };

interface Parked {
  spare: SpareProcess;
  fingerprint: string;
  pid: number | null;
  /** When the parked process started (the reaper matches it against the process's start time). */
  spawnedAt: number;
  exited: boolean;
  abort: AbortController;
  binding: SpareBinding | undefined;
}

export class WarmSpare {
  private parked: Parked | undefined;
  private warming: Promise<void> | undefined;
  /** The warm-up in flight's abort: stop() ends its process instead of waiting for it to start. */
  private warmingAbort: AbortController | undefined;
  /** Settles once the warm-up in flight's process has exited (or when it never started one). */
  private warmingGone: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Bumped whenever what is parked or warming goes stale, so a late prewarm is thrown away. */
  private generation = 0;

  constructor(private readonly deps: WarmSpareDeps) {}

  /** The parked process's pid, for memory figures and tests. */
  get pid(): number | null {
    return this.parked && !this.parked.exited ? this.parked.pid : null;
  }

  get isReady(): boolean {
    return this.parked !== undefined && !this.parked.exited;
  }

  /** Prewarms a spare if none is parked or warming (and the setting is on). */
  fill(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.parked && !this.parked.exited) return Promise.resolve();
    this.warming ??= this.warm().finally(() => (this.warming = undefined));
    return this.warming;
  }

  /**
   * Host-level options may have changed (settings, sign-in, secrets): a spare prewarmed with
   * the old ones is closed and a new one prewarmed.
   */
  async refresh(): Promise<void> {
    if (this.stopped) return;
    const plan = await this.deps.plan();
    const parked = this.parked;
    if (parked && (!plan.enabled || parked.fingerprint !== fingerprintOf(plan))) this.discard();
    // A prewarm in flight was started with the old options, or while the setting was still on:
    // it is closed as soon as it is ready instead of being parked.
    if (this.warming) this.generation++;
    if (!plan.enabled) return;
    await this.warming;
    return this.fill();
  }

  /** Binds the parked spare to a run, or says why the run has to start cold. */
  async claim(request: {
    host: HostOptions;
    claim: ClaimOptions;
    prompt: AsyncIterable<SDKUserMessage>;
    binding: SpareBinding;
  }): Promise<ClaimOutcome> {
    const plan = await this.deps.plan();
    if (!plan.enabled) return { warm: false, reason: 'the warm process is turned off in Settings' };
    const parked = this.parked;
    if (!parked || parked.exited) {
      void this.fill();
      return { warm: false, reason: 'no warm process was ready' };
    }
    const current = fingerprintOf(plan);
    if (parked.fingerprint !== current) {
      // Settings or sign-in changed since it started (and refresh() has not caught up yet).
      this.discard();
      void this.fill();
      return { warm: false, reason: 'settings or sign-in changed since the warm process started' };
    }
    if (hostFingerprint(request.host, { lowerPriority: plan.lowerPriority }) !== current) {
      // This run differs (its own secrets, say): the spare stays parked for the next run.
      return { warm: false, reason: 'its task starts Claude Code with its own environment' };
    }
    let query: Query;
    try {
      query = parked.spare.claim({ prompt: request.prompt, options: request.claim });
    } catch (error) {
      // Nothing was sent; the spare stays parked for the next run.
      return { warm: false, reason: `the warm process could not take it (${messageOf(error)})` };
    }
    this.parked = undefined;
    this.bind(parked, request.binding);
    this.scheduleFill(this.deps.refillDelayMs ?? 1_000);
    try {
      const claimed = await parked.spare.claimed;
      return { warm: true, query, parkedMs: claimed.parkedMs ?? null, note: null };
    } catch (error) {
      const reason = messageOf(error);
      // The one refusal after which the session runs anyway, without the model it asked for.
      if (reason.startsWith('option_not_applied')) {
        return { warm: true, query, parkedMs: null, note: reason };
      }
      parked.spare.close();
      return { warm: false, reason: `the warm process refused it (${reason})` };
    }
  }

  /**
   * Aborts a warm-up in flight, closes the parked spare and waits for both to go, never longer
   * than the stop deadline: the engine's own stop has a deadline of its own after this.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.generation++;
    const deadline = delay(this.deps.stopDeadlineMs ?? 5_000);
    // A prewarm waits up to a minute for Claude Code to start; aborting ends that process now,
    // and stop waits for it to be gone, as the engine's exit must leave no process behind.
    this.warmingAbort?.abort();
    const parked = this.parked;
    this.discard();
    await Promise.race([
      Promise.all([this.warming?.catch(() => undefined), this.warmingGone, parked?.spare.exited]),
      deadline,
    ]);
  }

  private isStale(generation: number): boolean {
    return this.stopped || generation !== this.generation;
  }

  private discard(): void {
    const parked = this.parked;
    this.parked = undefined;
    this.generation++;
    if (!parked) return;
    parked.spare.close();
    parked.abort.abort();
  }

  private scheduleFill(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.fill();
    }, ms);
    this.timer.unref();
  }

  private bind(parked: Parked, binding: SpareBinding): void {
    parked.binding = binding;
    if (parked.pid !== null && !parked.exited) binding.onSpawn(parked.pid, parked.spawnedAt);
    const abort = () => parked.abort.abort();
    if (binding.signal.aborted) abort();
    else binding.signal.addEventListener('abort', abort, { once: true });
  }

  private async warm(): Promise<void> {
    const plan = await this.deps.plan();
    if (!plan.enabled || this.stopped) return;
    const generation = this.generation;
    const abort = new AbortController();
    this.warmingAbort = abort;
    let gone: () => void = () => undefined;
    this.warmingGone = new Promise<void>((resolve) => (gone = resolve));
    const parked: Omit<Parked, 'spare'> = {
      fingerprint: fingerprintOf(plan),
      pid: null,
      spawnedAt: 0,
      exited: false,
      abort,
      binding: undefined,
    };
    const canUseTool: CanUseTool = (toolName, input, context) =>
      parked.binding
        ? parked.binding.canUseTool(toolName, input, context)
        : Promise.resolve({ behavior: 'deny', message: 'No run has claimed this process.' });
    const options: Options = {
      ...plan.host,
      abortController: abort,
      canUseTool,
      // The run's only hooks are the review's: the same tools and events, as long as they may take.
      hooks: Object.fromEntries(
        FORWARDED_HOOK_EVENTS.map((event) => [
          event,
          [
            {
              matcher: FILE_CHANGING_MATCHER,
              timeout: RUN_HOOK_TIMEOUT_SECONDS,
              hooks: [
                (
                  input: HookInput,
                  toolUseId: string | undefined,
                  context: { signal: AbortSignal },
                ) => runBoundHooks(parked.binding, input, toolUseId, context),
              ],
            },
          ],
        ]),
      ),
      spawnClaudeCodeProcess: (spawnOptions) =>
        spawnClaudeProcess(
          this.deps.spawn,
          spawnOptions,
          {
            lowerPriority: plan.lowerPriority,
            onSpawn: (pid) => {
              parked.pid = pid;
              parked.spawnedAt = Date.now();
            },
            onExit: (pid) => {
              parked.exited = true;
              gone();
              parked.binding?.onExit(pid);
            },
            onStderr: (text) => parked.binding?.onStderr(text),
          },
          this.deps.groups,
        ),
    };
    let spare: SpareProcess;
    try {
      spare = await this.deps.prewarm({ options });
    } catch {
      abort.abort();
      if (parked.pid === null) gone();
      this.scheduleFill(this.deps.retryDelayMs ?? 60_000);
      return;
    } finally {
      if (this.warmingAbort === abort) this.warmingAbort = undefined;
    }
    // The same object the callbacks above read, so a claim's binding reaches them.
    const entry: Parked = Object.assign(parked, { spare });
    if (this.isStale(generation)) {
      spare.close();
      abort.abort();
      return;
    }
    this.parked = entry;
    // Parked: stop() waits for this process through the parked spare from here on.
    gone();
    void spare.exited.then(() => {
      entry.exited = true;
      // A parked spare that died is replaced, after a pause in case it dies at once again.
      if (this.parked === entry) {
        this.parked = undefined;
        this.scheduleFill(this.deps.retryDelayMs ?? 60_000);
      }
    });
  }
}

function fingerprintOf(plan: SparePlan): string {
  return hostFingerprint(plan.host, { lowerPriority: plan.lowerPriority });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** The hook events a run's review listens to, which the spare hands on. */
const FORWARDED_HOOK_EVENTS = ['PreToolUse', 'PostToolUse', 'PostToolUseFailure'] as const;

/**
 * Hooks are fixed when the spare is prewarmed, before any run exists: one hook per event hands
 * each call to the claiming run's own matchers, read as Claude Code reads them, and returns the
 * first answer one of them gives.
 */
async function runBoundHooks(
  binding: SpareBinding | undefined,
  input: HookInput,
  toolUseId: string | undefined,
  context: { signal: AbortSignal },
): Promise<HookJSONOutput> {
  const event = input.hook_event_name;
  if (event !== 'PreToolUse' && event !== 'PostToolUse' && event !== 'PostToolUseFailure') {
    return {};
  }
  // Every hook runs; the first that decides (the run's permission hook) gives the answer.
  let answer: HookJSONOutput = {};
  for (const matcher of binding?.hooks?.[event] ?? []) {
    if (!matcherSelects(matcher.matcher, input.tool_name)) continue;
    for (const hook of matcher.hooks) {
      const output = await hook(input, toolUseId, context);
      if (Object.keys(answer).length === 0) answer = output;
    }
  }
  return answer;
}
