// Builds the engine from its parts and exposes it as the contract's handlers plus push events.
// Plain Node: the desktop shell and the HTTP server both wrap what this returns.
import { prewarm as sdkPrewarm, query as sdkQuery } from '@anthropic-ai/claude-agent-sdk';
import { spawn as nodeSpawn } from 'node:child_process';
import { join } from 'node:path';
import type { ApiHandlers } from '../../shared/contract';
import type { Settings, Task } from '../../shared/domain';
import { ApprovalBroker } from './approvals/approval-broker';
import type { SpawnFunction } from './lifecycle/claude-process';
import { costSummary } from './costs/cost-service';
import { EngineLock } from './lifecycle/engine-lock';
import { EventBus, type PushListener } from './event-bus';
import { recoverAfterCrash } from './lifecycle/recovery';
import { RunQueue } from './runs/run-queue';
import { RunRecorder } from './runs/run-recorder';
import { RunService } from './runs/run-service';
import { AUTH_SECRET_NAMES, type SecretStore } from './secrets/secrets';
import { SecretService } from './secrets/secret-service';
import { SessionRunner, type QueryFunction } from './runs/session-runner';
import { SettingsService, type SettingsBackend } from './settings/settings';
import { Store } from './store';
import { TaskService } from './tasks/task-service';
import { TriggerManager, type TriggerTimings } from './triggers/trigger-manager';
import { TriggerService } from './triggers/trigger-service';
import { WarmSpare, type PrewarmFunction } from './runs/warm-spare';
import { sparePlan } from './runs/spare-plan';
import { TranscriptRetention } from './lifecycle/transcript-retention';

export interface EngineOptions {
  dataDir: string;
  settings: SettingsBackend;
  secrets: SecretStore;
  /** The environment Claude Code sessions inherit (ANTHROPIC_*, CLAUDE_CONFIG_DIR, PATH, …). */
  env: Record<string, string | undefined>;
  /** Who holds the data directory, for the lock message: 'serve' or 'desktop'. */
  holder: string;
  /** Claude Code to run when settings name none (a packaged app's copy outside app.asar). */
  defaultClaudeExecutable?: string;
  query?: QueryFunction;
  prewarm?: PrewarmFunction;
  spawn?: SpawnFunction;
  clock?: () => number;
  cancelGraceMs?: number;
  /** Shorter watch rescans and such, for tests. */
  triggerTimings?: Partial<TriggerTimings>;
}

export interface Engine {
  handlers: ApiHandlers;
  subscribe(listener: PushListener): () => void;
  /** Services the triggers and the desktop shell build on. */
  services: {
    tasks: TaskService;
    runs: RunService;
    settings: SettingsService;
    store: Store;
    bus: EventBus;
    triggers: TriggerManager;
    spare: WarmSpare;
    retention: TranscriptRetention;
  };
  /** What start-up recovery found: runs marked interrupted, leftover processes reaped. */
  recovered: Awaited<ReturnType<typeof recoverAfterCrash>>;
  stop(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const clock = options.clock ?? Date.now;
  const lock = EngineLock.acquire(ensureDir(options.dataDir), options.holder);
  const store = Store.open(options.dataDir);
  const bus = new EventBus();
  const settings = new SettingsService(options.settings);
  const secrets = new SecretService(options.secrets);
  const recorder = new RunRecorder(store, bus, clock);
  const approvals = new ApprovalBroker({
    store,
    bus,
    clock,
    recordEvent: (runId, draft) => recorder.event(runId, draft),
    redact: (runId, value) => recorder.redact(runId, value),
    onPendingChange: (runId, pending) => {
      const run = store.runs.get(runId);
      if (!run || (run.status !== 'running' && run.status !== 'waiting')) return;
      const status = pending > 0 ? 'waiting' : 'running';
      if (run.status === status) return;
      recorder.event(runId, { type: 'status', status });
      recorder.update(runId, { status });
    },
  });
  const hostEnvironment = async () => ({
    settings: withDefaultExecutable(settings.get(), options.defaultClaudeExecutable),
    baseEnv: options.env,
    secretEnv: await secrets.envFor([...AUTH_SECRET_NAMES]),
  });
  const spare = new WarmSpare({
    prewarm: options.prewarm ?? sdkPrewarm,
    spawn: options.spawn ?? nodeSpawn,
    plan: async () => sparePlan(await hostEnvironment()),
  });
  const runner = new SessionRunner({
    spare,
    query: options.query ?? sdkQuery,
    spawn: options.spawn ?? nodeSpawn,
    recorder,
    approvals,
    clock,
    cancelGraceMs: options.cancelGraceMs,
    worktreeRoot: join(options.dataDir, 'worktrees'),
    environment: async (task: Task) => {
      const secretEnv = await secrets.envFor([...AUTH_SECRET_NAMES, ...task.secretEnv]);
      const missing = task.secretEnv.filter((name) => secretEnv[name] === undefined);
      if (missing.length > 0) throw new Error(missingSecretsMessage(missing));
      return {
        settings: withDefaultExecutable(settings.get(), options.defaultClaudeExecutable),
        baseEnv: options.env,
        secretEnv,
      };
    },
  });
  const runs = new RunService({ store, recorder, runner, clock });
  const queue = new RunQueue({
    store,
    recorder,
    clock,
    settings: () => settings.get(),
    activeCount: () => runs.activeCount,
    start: (runId) => runs.startSession(runId),
  });
  runs.attachQueue(queue);
  const tasks = new TaskService({ store, bus, clock, settings: () => settings.get() });

  const recovered = await recoverAfterCrash(store, recorder, clock);
  for (const runId of recovered.queued) queue.enqueue(runId);

  const triggerManager = new TriggerManager({
    store,
    runs,
    bus,
    clock,
    settings: () => settings.get(),
    timings: options.triggerTimings,
  });
  const triggers = new TriggerService({ store, manager: triggerManager, clock });
  triggerManager.start();

  const handlers: ApiHandlers = {
    'tasks.create': async (params) => tasks.create(params),
    'tasks.update': async (params) => tasks.update(params),
    'tasks.list': async () => tasks.list(),
    'tasks.get': async ({ taskId }) => tasks.get(taskId),
    'tasks.delete': async ({ taskId }) => tasks.delete(taskId),
    'tasks.run': async ({ taskId, prompt, files, trigger }) =>
      runs.create({
        task: tasks.get(taskId),
        extraPrompt: prompt,
        files,
        trigger: { kind: trigger ?? 'manual' },
      }),
    'runs.list': async (params) => runs.list(params),
    'runs.get': async ({ runId }) => runs.get(runId),
    'runs.events': async (params) => runs.events(params),
    'runs.cancel': async ({ runId }) => runs.cancel(runId),
    'runs.resume': async ({ runId }) => runs.resume(runId),
    'runs.followUp': async (params) => runs.followUp(params),
    'approvals.list': async (params) => store.approvals.list(params),
    'approvals.decide': async (params) => approvals.decide(params),
    'costs.summary': async (params) => costSummary(store, params, clock()),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => {
      const next = settings.update(patch);
      bus.emit('settings.updated', next);
      queue.pump();
      void spare.refresh();
      return next;
    },
    'secrets.list': async () => secrets.state(),
    'secrets.set': async ({ name, value }) => afterSecretChange(await secrets.set(name, value)),
    'secrets.delete': async ({ name }) => afterSecretChange(await secrets.delete(name)),
    'triggers.create': async (params) => triggers.create(params),
    'triggers.list': async ({ taskId }) => triggers.list(taskId),
    'triggers.get': async ({ triggerId }) => triggers.get(triggerId),
    'triggers.update': async (params) => triggers.update(params),
    'triggers.delete': async ({ triggerId }) => triggers.delete(triggerId),
    'triggers.preview': async (params) => triggers.preview(params),
    'triggers.firings': async ({ triggerId, limit }) => triggers.firings(triggerId, limit),
  };

  // Sign-in lives in the keychain: a changed secret may change what the spare was started with.
  const afterSecretChange = <T>(value: T): T => {
    void spare.refresh();
    return value;
  };
  void spare.fill();
  const retention = new TranscriptRetention({ store, clock, settings: () => settings.get() });
  retention.start();

  let stopped = false;
  return {
    handlers,
    subscribe: (listener) => bus.subscribe(listener),
    services: { tasks, runs, settings, store, bus, triggers: triggerManager, spare, retention },
    recovered,
    async stop() {
      if (stopped) return;
      stopped = true;
      await triggerManager.stop();
      await retention.stop();
      queue.stop();
      await runs.stopAll();
      await spare.stop();
      store.close();
      lock.release();
    },
  };
}

function ensureDir(dir: string): string {
  Store.ensureDir(dir);
  return dir;
}

function withDefaultExecutable(settings: Settings, executable: string | undefined): Settings {
  return settings.claudeExecutablePath || !executable
    ? settings
    : { ...settings, claudeExecutablePath: executable };
}

function missingSecretsMessage(missing: string[]): string {
  const many = missing.length > 1;
  return `This task needs the secret${many ? 's' : ''} ${missing.join(', ')}, which ${many ? 'are' : 'is'} not in the keychain. Add ${many ? 'them' : 'it'} in Settings → Secrets.`;
}
