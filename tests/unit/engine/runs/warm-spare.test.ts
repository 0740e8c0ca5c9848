// The warm spare's bookkeeping with a prewarm that resolves when the test says: a spare that
// finishes starting after the setting was turned off (or the options changed) is closed, never
// parked; its hook asks Claude Code only for the calls that may change files and hands those to
// the claiming run's own hooks. The real process is exercised in tests/integration/warm-spare.test.ts.
import type {
  ClaimOptions,
  HookInput,
  Options,
  Query,
  SpareProcess,
} from '@anthropic-ai/claude-agent-sdk';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SpawnFunction } from '../../../../src/main/engine/lifecycle/claude-process';
import { FILE_CHANGING_MATCHER } from '../../../../src/main/engine/review/file-changing-tools';
import { touchedFilesHooks } from '../../../../src/main/engine/review/touched-files';
import {
  WarmSpare,
  type PrewarmFunction,
  type SparePlan,
} from '../../../../src/main/engine/runs/warm-spare';

interface PendingPrewarm {
  resolve: (spare: SpareProcess) => void;
}

function fakeSpare(): { spare: SpareProcess; closed: () => boolean } {
  let closed = false;
  let exit: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  const spare = {
    close: () => {
      closed = true;
      exit();
    },
    exited,
  } as unknown as SpareProcess;
  return { spare, closed: () => closed };
}

function setup() {
  const pending: PendingPrewarm[] = [];
  const prewarm: PrewarmFunction = () =>
    new Promise<SpareProcess>((resolve) => pending.push({ resolve }));
  let plan: SparePlan = { enabled: true, host: { env: { A: '1' } }, lowerPriority: true };
  const warm = new WarmSpare({
    prewarm,
    spawn: () => {
      throw new Error('the fake prewarm spawns nothing');
    },
    plan: async () => plan,
  });
  return { warm, pending, setPlan: (next: SparePlan) => (plan = next) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WarmSpare', () => {
  it('closes a spare that finishes starting after the setting was turned off', async () => {
    const { warm, pending, setPlan } = setup();
    const filling = warm.fill();
    await settle();
    expect(pending).toHaveLength(1);

    setPlan({ enabled: false, host: { env: { A: '1' } }, lowerPriority: true });
    const refreshing = warm.refresh();
    const late = fakeSpare();
    pending[0]?.resolve(late.spare);
    await Promise.all([filling, refreshing]);

    expect(late.closed()).toBe(true);
    expect(warm.isReady).toBe(false);
    expect(pending).toHaveLength(1); // and no other is started while the setting is off
  });

  it('replaces a spare that finishes starting with options changed meanwhile', async () => {
    const { warm, pending, setPlan } = setup();
    void warm.fill();
    await settle();
    setPlan({ enabled: true, host: { env: { A: '2' } }, lowerPriority: true });
    const refreshing = warm.refresh();
    const stale = fakeSpare();
    pending[0]?.resolve(stale.spare);
    await settle();
    await settle();
    expect(stale.closed()).toBe(true);
    expect(pending).toHaveLength(2);
    const fresh = fakeSpare();
    pending[1]?.resolve(fresh.spare);
    await refreshing;
    expect(fresh.closed()).toBe(false);
    expect(warm.isReady).toBe(true);
  });
});

describe('WarmSpare.stop', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A prewarm that never finishes starting by itself, as Claude Code does when it hangs. */
  function hangingPrewarm(rejectOnAbort: boolean) {
    const signals: AbortSignal[] = [];
    const prewarm: PrewarmFunction = (params) =>
      new Promise<SpareProcess>((_resolve, reject) => {
        const signal = params.options?.abortController?.signal;
        if (signal) signals.push(signal);
        // The SDK ends the process it started and rejects when the abort fires.
        if (rejectOnAbort) signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    return { prewarm, signals };
  }

  function spareWith(prewarm: PrewarmFunction, stopDeadlineMs?: number) {
    return new WarmSpare({
      prewarm,
      spawn: () => {
        throw new Error('the fake prewarm spawns nothing');
      },
      plan: async () => ({ enabled: true, host: { env: { A: '1' } }, lowerPriority: true }),
      stopDeadlineMs,
    });
  }

  it('aborts a warm-up in flight instead of waiting for it to start', async () => {
    const { prewarm, signals } = hangingPrewarm(true);
    const warm = spareWith(prewarm);
    void warm.fill();
    await settle();
    expect(signals).toHaveLength(1);

    vi.useFakeTimers();
    let stopped = false;
    const stopping = warm.stop().then(() => (stopped = true));
    // No time passes: the abort alone lets it return.
    await vi.advanceTimersByTimeAsync(0);
    expect(signals[0]?.aborted).toBe(true);
    expect(stopped).toBe(true);
    await stopping;
    expect(warm.isReady).toBe(false);
  });

  it('returns at its deadline when the warm-up ignores the abort', async () => {
    const { prewarm, signals } = hangingPrewarm(false);
    const warm = spareWith(prewarm, 2_000);
    void warm.fill();
    await settle();

    vi.useFakeTimers();
    let stopped = false;
    const stopping = warm.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(signals[0]?.aborted).toBe(true);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopped).toBe(true);
    await stopping;
  });

  it('waits for the process of an aborted warm-up to exit, and no longer', async () => {
    // A child that has started and takes its time to exit once its group is signalled; its pid is
    // beyond Linux's pid_max, so the group signal the real spawn path sends reaches nothing.
    const child = Object.assign(new EventEmitter(), {
      pid: 4_194_304 + 4_242,
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      exitCode: null,
      signalCode: null,
      setMaxListeners: () => child,
    });
    const prewarm: PrewarmFunction = (params) =>
      new Promise<SpareProcess>((_resolve, reject) => {
        const signal = params.options?.abortController?.signal ?? new AbortController().signal;
        params.options?.spawnClaudeCodeProcess?.({
          command: 'claude',
          args: [],
          cwd: '/',
          env: {},
          signal,
        });
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    const warm = new WarmSpare({
      prewarm,
      spawn: (() => child) as unknown as SpawnFunction,
      plan: async () => ({ enabled: true, host: { env: { A: '1' } }, lowerPriority: false }),
      stopDeadlineMs: 5_000,
    });
    void warm.fill();
    await settle();

    vi.useFakeTimers();
    let stopped = false;
    const stopping = warm.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(1_000);
    // Aborted, but its process is still exiting: stop has not returned.
    expect(stopped).toBe(false);
    child.emit('exit', null, 'SIGTERM');
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(true);
    await stopping;
  });

  it('closes a parked spare and returns at its deadline if its process lingers', async () => {
    const closed: boolean[] = [];
    const lingering = {
      close: () => closed.push(true),
      exited: new Promise<void>(() => undefined),
    } as unknown as SpareProcess;
    const warm = spareWith(() => Promise.resolve(lingering), 3_000);
    await warm.fill();
    expect(warm.isReady).toBe(true);

    vi.useFakeTimers();
    let stopped = false;
    const stopping = warm.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(2_999);
    expect(closed).toEqual([true]);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stopped).toBe(true);
    await stopping;
  });
});

describe('the warm spare’s hook', () => {
  it('is asked for the calls that may change files, and hands them to the run’s own hooks', async () => {
    let options: Options | undefined;
    const spare = {
      close: () => undefined,
      exited: new Promise<void>(() => undefined),
      claim: () => ({}) as Query,
      claimed: Promise.resolve({ parkedMs: 5 }),
    } as unknown as SpareProcess;
    const plan: SparePlan = { enabled: true, host: { env: { A: '1' } }, lowerPriority: true };
    const warm = new WarmSpare({
      prewarm: (params) => {
        options = params.options;
        return Promise.resolve(spare);
      },
      spawn: () => {
        throw new Error('the fake prewarm spawns nothing');
      },
      plan: async () => plan,
    });
    await warm.fill();
    const spareMatcher = options?.hooks?.PreToolUse?.[0];
    expect(spareMatcher?.matcher).toBe(FILE_CHANGING_MATCHER);

    const seen: string[] = [];
    const runHooks = (touchedFilesHooks(Promise.resolve(null), '/tmp').PreToolUse ?? []).map(
      (matcher) => ({
        ...matcher,
        hooks: [
          async (input: HookInput) => {
            if (input.hook_event_name === 'PreToolUse') seen.push(input.tool_name);
            return {};
          },
        ],
      }),
    );
    const outcome = await warm.claim({
      host: plan.host,
      claim: {} as ClaimOptions,
      prompt: (async function* () {})(),
      binding: {
        canUseTool: () => Promise.resolve({ behavior: 'allow', updatedInput: {} }),
        hooks: { PreToolUse: runHooks },
        onSpawn: () => undefined,
        onExit: () => undefined,
        onStderr: () => undefined,
        signal: new AbortController().signal,
      },
    });
    expect(outcome.warm).toBe(true);

    const hook = spareMatcher?.hooks[0];
    if (!hook) throw new Error('the spare has no PreToolUse hook');
    for (const name of ['Read', 'Bash', 'TodoWrite', 'Write', 'Grep', 'mcp__sb__touch']) {
      const input = {
        hook_event_name: 'PreToolUse',
        tool_name: name,
        tool_input: {},
        cwd: '/tmp',
        session_id: 's',
        transcript_path: '',
      } as unknown as HookInput;
      await hook(input, 'tu1', { signal: new AbortController().signal });
    }
    expect(seen).toEqual(['Bash', 'Write', 'mcp__sb__touch']);
  });

  it('hands the run its PostToolUse and PostToolUseFailure calls too (the after-call snapshots)', async () => {
    let options: Options | undefined;
    const spare = {
      exited: new Promise(() => undefined),
      close: () => undefined,
      claim: () => ({}) as Query,
      claimed: Promise.resolve({ parkedMs: 5 }),
    } as unknown as SpareProcess;
    const plan: SparePlan = { enabled: true, host: { env: { A: '1' } }, lowerPriority: true };
    const warm = new WarmSpare({
      prewarm: (params) => {
        options = params.options;
        return Promise.resolve(spare);
      },
      spawn: () => {
        throw new Error('the fake prewarm spawns nothing');
      },
      plan: async () => plan,
    });
    await warm.fill();
    const seen: string[] = [];
    const record = (event: string) => [
      {
        matcher: FILE_CHANGING_MATCHER,
        hooks: [
          async (input: HookInput) => {
            seen.push(`${event} ${input.hook_event_name}`);
            return {};
          },
        ],
      },
    ];
    await warm.claim({
      host: plan.host,
      claim: {} as ClaimOptions,
      prompt: (async function* () {})(),
      binding: {
        canUseTool: () => Promise.resolve({ behavior: 'allow', updatedInput: {} }),
        hooks: { PostToolUse: record('post'), PostToolUseFailure: record('failure') },
        onSpawn: () => undefined,
        onExit: () => undefined,
        onStderr: () => undefined,
        signal: new AbortController().signal,
      },
    });
    for (const event of ['PostToolUse', 'PostToolUseFailure'] as const) {
      const hook = options?.hooks?.[event]?.[0]?.hooks[0];
      if (!hook) throw new Error(`the spare has no ${event} hook`);
      const input = {
        hook_event_name: event,
        tool_name: 'Bash',
        tool_input: {},
        tool_use_id: 'tu1',
        cwd: '/tmp',
        session_id: 's',
        transcript_path: '',
      } as unknown as HookInput;
      await hook(input, 'tu1', { signal: new AbortController().signal });
    }
    expect(seen).toEqual(['post PostToolUse', 'failure PostToolUseFailure']);
  });
});
