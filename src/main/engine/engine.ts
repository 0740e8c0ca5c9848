// Builds the engine from its parts and exposes it as the contract's handlers plus push events.
// Plain Node: the desktop shell and the HTTP server both wrap what this returns.
import { prewarm as sdkPrewarm, query as sdkQuery } from '@anthropic-ai/claude-agent-sdk';
import { spawn as nodeSpawn } from 'node:child_process';
import { join } from 'node:path';
import type { ApiHandlers } from '../../shared/contract';
import type { LocalApiState, Settings, Task } from '../../shared/domain';
import { ApprovalBroker } from './approvals/approval-broker';
import { AwayService, AWAY_VARIABLES, type AwayTimings } from './away/away-service';
import { DEFAULT_OUTBOX_TIMINGS } from './away/outbox-worker';
import { DEFAULT_TELEGRAM_TIMINGS } from './away/telegram-channel';
import { DEFAULT_NTFY_TIMINGS } from './away/ntfy-channel';
import type { FetchFunction } from './away/telegram-api';
import type { SpawnFunction } from './lifecycle/claude-process';
import { BudgetGuard } from './costs/budget-guard';
import { costSummary } from './costs/cost-service';
import { EngineLock } from './data-folder/engine-lock';
import { EventBus, type PushListener } from './event-bus';
import { LimitsService } from './limits/limits-service';
import { startNow } from './limits/start-now';
import { lowerAutogroup } from './lifecycle/process-priority';
import { treeCpuReader } from './lifecycle/tree-cpu';
import { OrphanWatchdog } from './lifecycle/orphan-watchdog';
import { recoverAfterCrash } from './lifecycle/recovery';
import { removeOrphanWorktrees } from './review/orphan-worktrees';
import { ReviewService } from './review/review-service';
import { RunBaselines } from './review/run-baseline';
import { SnapshotPruning } from './review/snapshot-pruning';
import { assertReady, checkBeforeStart, describeProblem } from './runs/preflight';
import { RunQueue } from './runs/run-queue';
import { RunMonitor } from './runs/run-monitor';
import { RunPolicyService } from './runs/run-policy';
import { RunRecorder } from './runs/run-recorder';
import { RunService } from './runs/run-service';
import { AUTH_SECRET_NAMES, type SecretStore } from './secrets/secrets';
import { SecretService } from './secrets/secret-service';
import { secretsInEnvironment } from './secrets/environment-secrets';
import { SecretRequests } from './secrets/secret-requests';
import { SkillLibrary } from './equipment/skill-library';
import { SessionEnvFiles } from './secrets/session-env-files';
import { SessionRunner, type QueryFunction } from './runs/session-runner';
import { SettingsService, type SettingsBackend } from './settings/settings';
import { Store, toPublicRun } from './store';
import { TaskDeletion } from './tasks/task-deletion';
import { privatizeDataFolder } from './store/private-files';
import { TaskService } from './tasks/task-service';
import { TriggerManager, type TriggerTimings } from './triggers/trigger-manager';
import { TriggerService } from './triggers/trigger-service';
import { loadWebhookKey } from './triggers/webhook-key';
import { WarmSpare, type PrewarmFunction } from './runs/warm-spare';
import { sparePlan } from './runs/spare-plan';
import { TranscriptRetention } from './runs/transcript-retention';
import { refusesBypass } from './runs/root-bypass';
import { FolderTrust } from './untrusted/folder-trust';
import { PlaceService } from './places/place-service';
import { checkPlacedTask } from './places/place-preflight';
import { ExportService } from './export/export-service';
import { SearchBackfill } from './search/search-backfill';
import { SearchIndexer } from './search/search-indexer';
import { SearchService } from './search/search-service';
import { McpLibrary } from './equipment/mcp-library';
import { mcpProbe } from './equipment/mcp-probe';
import { withoutKeychainRoutes } from './secrets/keychain-routes';
import {
  ghCliToken,
  GITHUB_TOKEN_SECRET,
  PullRequestService,
} from './pull-requests/pull-request-service';
import type { FetchFunction as GitHubFetch } from './pull-requests/github-api';
import { OpenFolder } from './open-folder/open-folder';

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
  /** False: no warm spare is ever started, whatever the settings say (unit tests, which must not
   *  start Claude Code). Default true. */
  warmSpare?: boolean;
  spawn?: SpawnFunction;
  clock?: () => number;
  cancelGraceMs?: number;
  /** Shorter watch rescans and such, for tests. */
  triggerTimings?: Partial<TriggerTimings>;
  /** Where the engine host's local HTTP API answers (localApi.get); absent: it serves none. */
  localApiState?: () => Promise<LocalApiState>;
  /** The first transient-failure retry's delay (later ones double it); shorter in tests. */
  retryBaseMs?: number;
  /** How often stalls, long waits and approval timeouts are looked for. */
  monitorIntervalMs?: number;
  /** How long a minute of the stall and waiting-slot settings lasts; seconds in tests. */
  minuteMs?: number;
  /** Review snapshot limits (review/shadow-repo.ts, review/git-snapshot.ts); smaller in tests. */
  snapshotLimits?: { files: number; bytes: number; maxFileBytes: number };
  /** Away channels' retry and poll timings (shorter in tests), and the fetch they use. */
  away?: Partial<AwayTimings> & { fetch?: FetchFunction };
  /**
   * Pull requests: how often open ones are polled, the fetch GitHub is reached with, and where a
   * token comes from when the keychain has none (default: a signed-in gh CLI; null: nowhere).
   */
  pullRequests?: {
    pollMs?: number;
    fetch?: GitHubFetch;
    ghToken?: ((host: string) => Promise<string | null>) | null;
  };
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
    /** Absent when the engine was built with `warmSpare: false`. */
    spare: WarmSpare | undefined;
    retention: TranscriptRetention;
    /** Streams exports to an HTTP response (the local API's /export route). */
    exports: ExportService;
  };
  /** What start-up recovery found: runs marked interrupted, leftover processes reaped. */
  recovered: Awaited<ReturnType<typeof recoverAfterCrash>> & { autoResumed: string[] };
  stop(): Promise<void>;
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const clock = options.clock ?? Date.now;
  // Owner-only, including what an older version left readable to others.
  privatizeDataFolder(options.dataDir);
  const lock = EngineLock.acquire(ensureDir(options.dataDir), options.holder);
  // Values a person gives a running session reach its shell commands through this script. The
  // away channels' variables configure the engine; Claude Code sessions never get them.
  const sessionEnvFiles = new SessionEnvFiles(options.dataDir, options.env.CLAUDE_ENV_FILE);
  const sessionEnv = {
    ...withoutVariables(options.env, AWAY_VARIABLES),
    CLAUDE_ENV_FILE: sessionEnvFiles.sourceScript,
  };
  const store = openOrRelease(options.dataDir, lock);
  const bus = new EventBus();
  // Claude Code started from here would refuse "Allow everything" (root, no sandbox flag).
  const bypassRefused = refusesBypass(options.env);
  const settings = new SettingsService(options.settings, bypassRefused);
  const secrets = new SecretService(options.secrets);
  const recorder = new RunRecorder(store, bus, clock);
  const environmentSecrets = secretsInEnvironment(sessionEnv);
  // Ends the sessions' process groups if this process dies without stopping them.
  const watchdog = new OrphanWatchdog();
  const approvals = new ApprovalBroker({
    store,
    bus,
    clock,
    recordEvent: (runId, draft) => recorder.event(runId, draft),
    redact: (runId, value) => recorder.redact(runId, value),
    // Called only after start-up, once `secretRequests` below exists.
    secretGiven: (approval): boolean => secretRequests.isGiven(approval),
    onPendingChange: (runId, pending) => {
      const run = store.runs.get(runId);
      if (!run || (run.status !== 'running' && run.status !== 'waiting')) return;
      const status = pending > 0 ? 'waiting' : 'running';
      if (run.status === status) return;
      recorder.event(runId, { type: 'status', status });
      recorder.update(runId, { status });
    },
    // Called only after start-up, once `runs` below exists.
    onDecidedWithoutSession: (runId) => runs.continueWaiting(runId),
  });
  const limits = new LimitsService({
    dataDir: options.dataDir,
    store,
    recorder,
    bus,
    clock,
    settings: () => settings.get(),
    requeue: (runId) => queue.enqueue(runId),
    pump: () => queue.pump(),
  });
  const worktreeRoot = join(options.dataDir, 'worktrees');
  const shadowRoot = join(options.dataDir, 'shadow-repos');
  const snapshots = new SnapshotPruning({ store, clock, shadowRoot });
  const reviews = new ReviewService({
    store,
    bus,
    clock,
    settings: () => settings.get(),
    baselines: new RunBaselines({
      store,
      clock,
      worktreeRoot,
      stateRoot: join(options.dataDir, 'reviews'),
      shadowRoot,
      dataDir: options.dataDir,
      ...(options.snapshotLimits && {
        shadowLimits: { files: options.snapshotLimits.files, bytes: options.snapshotLimits.bytes },
        maxFileBytes: options.snapshotLimits.maxFileBytes,
      }),
    }),
  });
  const hostEnvironment = async () => ({
    settings: withDefaultExecutable(settings.get(), options.defaultClaudeExecutable),
    baseEnv: sessionEnv,
    secretEnv: await secrets.envFor([...AUTH_SECRET_NAMES]),
  });
  const spare =
    options.warmSpare === false
      ? undefined
      : new WarmSpare({
          prewarm: options.prewarm ?? sdkPrewarm,
          spawn: options.spawn ?? nodeSpawn,
          groups: watchdog,
          plan: async () => sparePlan(await hostEnvironment()),
        });
  const folderTrust = new FolderTrust({ store, approvals });
  const places = new PlaceService({ store, clock, dataDir: options.dataDir, env: options.env });
  const mcp = new McpLibrary({
    store,
    bus,
    clock,
    secretValues: (names) => secrets.envFor(names),
    // A tested server gets what a session's would: no keychain routes, as a task without access.
    probe: mcpProbe(withoutKeychainRoutes(options.env)),
  });
  const skills = new SkillLibrary({ store, dataDir: options.dataDir });
  const secretRequests: SecretRequests = new SecretRequests({
    store,
    bus,
    clock,
    secrets,
    files: sessionEnvFiles,
    approvals,
    recorder,
  });
  const runner = new SessionRunner({
    spare,
    secretRequests,
    skills,
    projectSettings: (runId, task, workdir) => folderTrust.sourcesFor(runId, task, workdir),
    places,
    observer: limits,
    query: options.query ?? sdkQuery,
    spawn: options.spawn ?? nodeSpawn,
    groups: watchdog,
    recorder,
    approvals,
    clock,
    cancelGraceMs: options.cancelGraceMs,
    worktreeRoot,
    review: reviews,
    // Called only after start-up, once `policy` below exists.
    onEnded: (runId, ending) => policy.afterSessionEnded(runId, ending),
    environment: async (task: Task) => {
      // Runs a trigger started never met tasks.run's check: a gone folder still reads plainly.
      const problem = (
        task.placeId === null
          ? checkBeforeStart({ task, settings: effectiveSettings(), refusesBypass: bypassRefused })
          : checkPlacedTask(task, places)
      ).problems[0];
      if (problem) throw new Error(describeProblem(problem));
      const keychainEnv = await secrets.envFor([...AUTH_SECRET_NAMES, ...task.secretEnv]);
      const missing = task.secretEnv.filter((name) => keychainEnv[name] === undefined);
      if (missing.length > 0) throw new Error(missingSecretsMessage(missing));
      return {
        settings: withDefaultExecutable(settings.get(), options.defaultClaudeExecutable),
        baseEnv: sessionEnv,
        // Secrets the engine was started with are already in baseEnv; listed here as well so the
        // run's records redact them too. The keychain's value wins where both name one.
        secretEnv: { ...environmentSecrets, ...keychainEnv },
        // A value the run was not given can still reach it (printed by a tool, pasted in a
        // prompt): every stored secret is kept out of its records.
        // The engine's own (a bot token in the environment) too.
        redacted: { ...secretsInEnvironment(options.env), ...(await secrets.allValues()) },
        mcpServers: await mcp.forTask(task),
      };
    },
  });
  const runs = new RunService({ store, recorder, runner, approvals, clock });
  const effectiveSettings = () =>
    withDefaultExecutable(settings.get(), options.defaultClaudeExecutable);
  /**
   * Before a run is created: the task's folder, the parent run's folder (or where its session
   * continues when its worktree was merged away), Claude Code itself.
   */
  const checkTask = async (taskId: string, runId?: string) => {
    const task = tasks.get(taskId);
    // A run in another place works in that place's folder: nothing of this machine's to check.
    if (task.placeId !== null) return checkPlacedTask(task, places);
    const workdir = runId === undefined ? null : runs.get(runId).workdir;
    const moved = workdir === null ? null : await reviews.continuation(workdir);
    const check = checkBeforeStart({
      task,
      workdir: moved === null ? workdir : null,
      settings: effectiveSettings(),
      refusesBypass: bypassRefused,
    });
    return moved === null ? check : { ...check, continuesIn: moved };
  };
  const queue = new RunQueue({
    store,
    recorder,
    clock,
    settings: () => settings.get(),
    activeCount: () => runs.activeCount,
    start: (runId) => runs.startSession(runId, (run) => limits.continuationFor(run)),
    holdOf: (run, budget) => limits.holdOf(run, budget),
    onHold: (hold) => limits.noteHold(hold),
  });
  const budgetGuard = new BudgetGuard({
    store,
    clock,
    settings: () => settings.get(),
    interrupt: (runId, message) => runs.interrupt(runId, message),
    exempt: (runId) => limits.isAllowed(runId),
    reached: (reason) => limits.noteHold({ kind: 'budget', reason }),
  });
  bus.subscribe((event) => budgetGuard.onEvent(event));
  runs.attachQueue(queue);
  reviews.attachRuns(runs);
  const tasks = new TaskService({
    store,
    bus,
    clock,
    settings: () => settings.get(),
    dataDir: options.dataDir,
    refusesBypass: bypassRefused,
    hasSkill: (name) => skills.has(name),
  });

  const policy = new RunPolicyService({
    store,
    runs,
    recorder,
    clock,
    retryBaseMs: options.retryBaseMs,
  });
  const monitor = new RunMonitor({
    store,
    bus,
    recorder,
    runs,
    approvals,
    settings: () => settings.get(),
    clock,
    intervalMs: options.monitorIntervalMs,
    minuteMs: options.minuteMs,
    treeCpu: treeCpuReader(),
    lowerSession: (pid) => lowerAutogroup(pid),
  });

  const recovered = await recoverAfterCrash(store, recorder, clock);
  secretRequests.prune();
  await removeOrphanWorktrees(store, worktreeRoot);
  // Before any run starts again: a container left by a crash must not be mistaken for a new one.
  await places.removeLeftoverContainers();
  for (const runId of recovered.queued) queue.enqueue(runId);
  for (const runId of recovered.decided) runs.continueWaiting(runId);
  const autoResumed = policy.resumeAfterRestart(recovered.interrupted);
  policy.restoreRetries();
  monitor.start();

  const webhookKey = loadWebhookKey(options.dataDir);
  const triggerManager = new TriggerManager({
    store,
    webhookKey,
    runs,
    bus,
    clock,
    settings: () => settings.get(),
    timings: options.triggerTimings,
  });
  const triggers = new TriggerService({
    store,
    manager: triggerManager,
    clock,
    webhookKey,
    dataDir: options.dataDir,
  });
  triggerManager.start();
  const away = new AwayService({
    store,
    bus,
    clock,
    settings: () => settings.get(),
    secrets,
    env: options.env,
    decide: (params) => approvals.decide(params),
    timings: {
      ...DEFAULT_OUTBOX_TIMINGS,
      ...DEFAULT_TELEGRAM_TIMINGS,
      ...DEFAULT_NTFY_TIMINGS,
      ...options.away,
    },
    fetch: options.away?.fetch,
  });
  bus.subscribe((event) => away.onEvent(event));
  await away.start();
  const deletion = new TaskDeletion({ store, bus, clock, triggers: triggerManager, snapshots });
  deletion.start();

  const exports = new ExportService({ store, clock, secrets: () => secrets.allValues() });
  const pullRequests = new PullRequestService({
    store,
    bus,
    clock,
    apiUrl: () => settings.get().pullRequests.apiUrl,
    keychainToken: async () =>
      (await secrets.envFor([GITHUB_TOKEN_SECRET]))[GITHUB_TOKEN_SECRET] ?? null,
    ghToken:
      options.pullRequests?.ghToken === null
        ? undefined
        : (options.pullRequests?.ghToken ?? ghCliToken),
    secretValues: () => secrets.allValues(),
    fetch: options.pullRequests?.fetch,
    pollMs: options.pullRequests?.pollMs,
  });
  pullRequests.start();
  const openFolder = new OpenFolder({
    store,
    settings: () => settings.get(),
    // As a session gets it: the away channels' tokens stay with the engine.
    env: sessionEnv,
  });
  const search = new SearchService(store.search);
  const searchBackfill = new SearchBackfill({ store: store.search });
  searchBackfill.start();
  const searchIndexer = new SearchIndexer({ store: store.search });
  searchIndexer.start();

  const handlers: ApiHandlers = {
    'tasks.create': async (params) => withLibrary(tasks.create(params), params.mcpServerIds),
    'tasks.update': async (params) => withLibrary(tasks.update(params), params.mcpServerIds),
    'tasks.list': async () => tasks.list(),
    'tasks.get': async ({ taskId }) => tasks.get(taskId),
    'tasks.delete': async ({ taskId, deleteUnmergedBranches }) =>
      deletion.delete(taskId, deleteUnmergedBranches),
    'tasks.deletePreview': async ({ taskId }) => deletion.preview(taskId),
    'tasks.undoDelete': async ({ taskId }) => deletion.undo(taskId),
    'tasks.listDeleted': async () => deletion.listDeleted(),
    'tasks.run': async ({ taskId, prompt, files, trigger }) => {
      assertReady(await checkTask(taskId));
      return runs.create({
        task: tasks.get(taskId),
        extraPrompt: prompt,
        files,
        trigger: { kind: trigger ?? 'manual' },
      });
    },
    'tasks.check': async ({ taskId, runId }) => checkTask(taskId, runId),
    'runs.list': async (params) => runs.list(params),
    'runs.query': async (params) => {
      const page = store.runQueries.query(params);
      return { runs: page.records.map(toPublicRun), total: page.total, offset: page.offset };
    },
    'runs.thread': async ({ runId }) => {
      runs.get(runId);
      return store.runQueries.thread(runId).map(toPublicRun);
    },
    'runs.get': async ({ runId }) => runs.get(runId),
    'runs.events': async (params) => runs.events(params),
    'runs.cancel': async ({ runId }) => runs.cancel(runId),
    'runs.resume': async ({ runId }) => {
      assertReady(await checkTask(runs.get(runId).taskId, runId));
      return runs.resume(runId);
    },
    'runs.followUp': async (params) => {
      assertReady(await checkTask(runs.get(params.runId).taskId, params.runId));
      return runs.followUp(params);
    },
    'runs.diff': async ({ runId }) => reviews.diff(runId),
    'runs.review': async (params) => reviews.review(params),
    'runs.undoMerge': async ({ runId }) => reviews.undoMerge(runId),
    'runs.undoDiscard': async ({ runId }) => reviews.undoDiscard(runId),
    'runs.export': async (params) => {
      store.runs.eventLog.flush();
      return exports.toFile(params);
    },
    'runs.openPullRequest': async ({ runId }) => pullRequests.open(runId),
    'runs.pullRequest': async ({ runId }) => pullRequests.get(runId),
    'runs.openFolder': async ({ runId, app }) => openFolder.open(runId, app),
    'reviews.list': async (params) => reviews.list(params),
    'runs.startNow': async ({ runId }) => startNow({ store, runs, queue, limits }, runId),
    'search.query': async (params) => {
      store.runs.eventLog.flush();
      return search.query(params);
    },
    'limits.get': async () => limits.get(),
    'approvals.list': async (params) => store.approvals.list(params),
    'approvals.decide': async (params) =>
      store.approvals.get(params.approvalId)?.kind === 'secret'
        ? secretRequests.decide(params)
        : approvals.decide(params),
    'costs.summary': async (params) => costSummary(store, params, clock()),
    'settings.get': async () => settings.get(),
    'settings.update': async (patch) => {
      const next = settings.update(patch);
      bus.emit('settings.updated', next);
      queue.pump();
      void spare?.refresh();
      return next;
    },
    'secrets.list': async () => secrets.state(),
    'secrets.set': async ({ name, value }) => afterSecretChange(await secrets.set(name, value)),
    'secrets.delete': async ({ name }) => afterSecretChange(await secrets.delete(name)),
    'mcpServers.list': async () => mcp.list(),
    'mcpServers.save': async (params) => mcp.save(params),
    'mcpServers.delete': async ({ serverId }) => mcp.delete(serverId),
    'mcpServers.test': async (params) => mcp.test(params),
    'skills.list': async () => skills.list(),
    'skills.save': async (params) => skills.save(params),
    'skills.delete': async ({ name }) => skills.delete(name),
    'triggers.create': async (params) => triggers.create(params),
    'triggers.list': async ({ taskId }) => triggers.list(taskId),
    'triggers.get': async ({ triggerId }) => triggers.get(triggerId),
    'triggers.update': async (params) => triggers.update(params),
    'triggers.delete': async ({ triggerId }) => triggers.delete(triggerId),
    'triggers.preview': async (params) => triggers.preview(params),
    'triggers.firings': async ({ triggerId, limit }) => triggers.firings(triggerId, limit),
    'places.list': async () => places.list(),
    'places.create': async (params) => places.create(params),
    'places.update': async (params) => places.update(params),
    'places.delete': async ({ placeId }) => places.delete(placeId),
    'places.test': async ({ placeId }) => places.test(placeId),
    'places.trustHostKey': async (params) => places.trustHostKey(params),
    'away.get': async () => away.state(),
    'away.setTelegramToken': async ({ token }) => away.setTelegramToken(token),
    'away.forgetTelegramToken': async () => away.forgetTelegramToken(),
    'away.startPairing': async () => away.startPairing(),
    'away.revokePairing': async () => away.revokePairing(),
    'away.setNtfyToken': async ({ token }) => away.setNtfyToken(token),
    'away.forgetNtfyToken': async () => away.forgetNtfyToken(),
    'away.newNtfyTopics': async () => away.newNtfyTopics(),
    'away.removeNtfyTopics': async () => away.removeNtfyTopics(),
    'away.newWebhookSecret': async () => away.newWebhookSecret(),
    'away.deliveries': async ({ approvalIds }) => away.deliveries(approvalIds),
    'localApi.get': async () => (options.localApiState ? options.localApiState() : NO_LOCAL_API),
  };

  /** A task that attached or took off servers changes the library's "used by". */
  const withLibrary = (task: Task, attached: string[] | undefined): Task => {
    if (attached !== undefined) mcp.announce();
    return task;
  };
  // Sign-in lives in the keychain: a changed secret may change what the spare was started with.
  const afterSecretChange = <T>(value: T): T => {
    void spare?.refresh();
    return value;
  };
  void spare?.fill();
  const retention = new TranscriptRetention({
    store,
    clock,
    settings: () => settings.get(),
    snapshots,
  });
  retention.start();

  let stopped = false;
  return {
    handlers,
    subscribe: (listener) => bus.subscribe(listener),
    services: {
      tasks,
      runs,
      settings,
      store,
      bus,
      triggers: triggerManager,
      spare,
      retention,
      exports,
    },
    recovered: { ...recovered, autoResumed: autoResumed.map((run) => run.id) },
    /**
     * A clean stop: nothing new starts (queued runs stay queued for the next start), running
     * sessions end `interrupted` (or keep waiting for a person), their process groups are ended,
     * then the store is closed.
     */
    async stop() {
      if (stopped) return;
      stopped = true;
      queue.stop();
      deletion.stop();
      limits.stop();
      policy.stop();
      monitor.stop();
      searchBackfill.stop();
      searchIndexer.stop();
      pullRequests.stop();
      await triggerManager.stop();
      await away.stop();
      await retention.stop();
      await runs.stopAll();
      await spare?.stop();
      watchdog.close();
      store.close();
      lock.release();
    },
  };
}

const NO_LOCAL_API: LocalApiState = { enabled: false, url: null, signInUrl: null, error: null };

/** A refused data folder (a newer schema) releases the lock, so the next start finds it free. */
function openOrRelease(dataDir: string, lock: EngineLock): Store {
  try {
    return Store.open(dataDir);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function withoutVariables(
  env: Record<string, string | undefined>,
  names: readonly string[],
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));
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
