// An in-process engine (the same createEngine the serve entry uses) wired to the fake Anthropic
// API and the real Claude Code binary, with helpers to wait for runs and approvals.
import type { MethodInput, MethodName, MethodResult, PushEvent } from '../../src/shared/contract';
import type { Run } from '../../src/shared/domain';
import { dispatch } from '../../src/shared/dispatch';
import { createEngine, type Engine, type EngineOptions } from '../../src/main/engine/engine';
import { MemorySecretStore } from '../fakes/memory-secret-store';
import { MemorySettingsBackend } from '../fakes/memory-settings-backend';
import { claudeEnv, tempDir } from './claude-env';
import { waitFor } from './serve-process';

export interface EngineHarness {
  engine: Engine;
  dataDir: string;
  events: PushEvent[];
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  waitForRun(runId: string, statuses: Run['status'][], timeoutMs?: number): Promise<Run>;
  stop(): Promise<void>;
}

export async function startEngine(
  fakeUrl: string,
  options: {
    dataDir?: string;
    secrets?: MemorySecretStore;
    /** Settings kept across engines (a restart on the same data folder). */
    settings?: MemorySettingsBackend;
    /** Overrides; an undefined value removes the variable (ANTHROPIC_API_KEY for a plan login). */
    env?: Record<string, string | undefined>;
    /** Keep a warm Claude Code process (off unless a test is about it: see startServe). */
    warmSpare?: boolean;
    /** Engine options tests shorten (retry delays, monitor interval). */
    engine?: Pick<
      EngineOptions,
      'retryBaseMs' | 'monitorIntervalMs' | 'snapshotLimits' | 'away' | 'pullRequests'
    >;
  } = {},
): Promise<EngineHarness> {
  const dataDir = options.dataDir ?? tempDir('engine');
  const engine = await createEngine({
    dataDir,
    holder: 'test',
    env: definedOnly({ ...process.env, ...claudeEnv(fakeUrl), ...options.env }),
    settings:
      options.settings ??
      new MemorySettingsBackend({ performance: { warmSpare: options.warmSpare ?? false } }),
    secrets: options.secrets ?? new MemorySecretStore(),
    cancelGraceMs: 1_500,
    ...options.engine,
  });
  const events: PushEvent[] = [];
  engine.subscribe((event) => events.push(event));
  const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    const result = await dispatch(engine.handlers, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
    return result.value as MethodResult<M>;
  };
  return {
    engine,
    dataDir,
    events,
    call,
    waitForRun: (runId, statuses, timeoutMs = 45_000) =>
      waitFor(
        `run ${runId} to be ${statuses.join('/')}`,
        async () => {
          const run = await call('runs.get', { runId });
          return statuses.includes(run.status) ? run : undefined;
        },
        timeoutMs,
      ),
    stop: () => engine.stop(),
  };
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
