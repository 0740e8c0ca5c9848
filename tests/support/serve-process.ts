// Starts the built `serve` entry (out/main/serve.js) as a real child process against the fake
// Anthropic API, and talks to it over HTTP like any client would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import type { Run } from '../../src/shared/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { claudeEnv, tempDir } from './claude-env';
import { reportFakeOnFailure, reportOnFailure } from './failure-report';

const ROOT = resolve(import.meta.dirname, '../..');
export const SERVE_ENTRY = resolve(ROOT, 'out/main/serve.js');

export interface ServeProcess {
  url: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  /** A raw request, for status-code checks. */
  request(path: string, init?: RequestInit): Promise<Response>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServeOptions {
  fakeUrl: string;
  dataDir?: string;
  token?: string;
  /**
   * Extra environment (e.g. a reused CLAUDE_CONFIG_DIR, so resumed sessions find their files);
   * an undefined value removes the variable.
   */
  env?: Record<string, string | undefined>;
  /**
   * Keep a warm Claude Code process as the app does by default. Off unless a test is about it:
   * each spare is one more Claude Code start (1.3–1.7 s of CPU here) that most tests never use.
   */
  warmSpare?: boolean;
}

export async function startServe(options: ServeOptions): Promise<ServeProcess> {
  const dataDir = options.dataDir ?? tempDir('data');
  writeFirstSettings(dataDir, { performance: { warmSpare: options.warmSpare ?? false } });
  const token = options.token ?? 'test-token-' + Math.random().toString(36).slice(2);
  const child = spawn(process.execPath, [SERVE_ENTRY, '--port', '0'], {
    cwd: ROOT,
    env: definedOnly({
      ...process.env,
      ...claudeEnv(options.fakeUrl),
      // A panel takes its push stream for dead after three missed heartbeats: 6 s in tests.
      SWITCHBOARD_HEARTBEAT_MS: '2000',
      ...options.env,
      SWITCHBOARD_DATA_DIR: dataDir,
      SWITCHBOARD_TOKEN: token,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /serving at (http:\/\/127\.0\.0\.1:\d+)\/\?token=/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${output}`));
    });
  });

  const request = (path: string, init: RequestInit = {}) =>
    fetch(url + path, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });

  const serve: ServeProcess = {
    url,
    token,
    dataDir,
    child,
    output: () => output,
    request,
    async call(method, input) {
      const response = await request(`/rpc/${method}`, {
        method: 'POST',
        body: JSON.stringify(input),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(`${method} → ${response.status}: ${JSON.stringify(body)}`);
      // The server's handler result for exactly this method.
      return body as MethodResult<typeof method>;
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill(signal);
      await exited;
    },
  };
  const unregister = reportOnFailure(`serve ${url}`, () => serveReport(serve));
  child.once('exit', unregister);
  return serve;
}

/**
 * The settings file a new data folder starts with (a folder reused across a restart keeps its
 * own): the engine fills in every value left out.
 */
function writeFirstSettings(dataDir: string, settings: Record<string, unknown>): void {
  const file = join(dataDir, 'settings.json');
  if (existsSync(file)) return;
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(settings));
}

/** The last runs, where each got to, and the serve's last output (for a failed test). */
async function serveReport(serve: ServeProcess): Promise<string> {
  const runs = await serve.call('runs.list', { limit: 4 });
  const stories = await Promise.all(runs.map((run) => runStory(serve, run.id, 6)));
  const output = serve.output().slice(-1500);
  return [...stories, `last output:\n${output}`].join('\n');
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const reason = last instanceof Error ? `: ${last.message}` : '';
  throw new Error(`Timed out waiting for ${what}${reason}`);
}

const ENDED: Run['status'][] = ['succeeded', 'failed', 'cancelled', 'interrupted'];

/** Polls the run until its status is one of `statuses` (by default: it has ended). */
export function untilRunStatus(
  serve: ServeProcess,
  runId: string,
  statuses: Run['status'][] = ENDED,
  timeoutMs = 60_000,
): Promise<Run> {
  return waitFor(
    `run ${runId} to be ${statuses.join('/')}`,
    async () => {
      const run = await serve.call('runs.get', { runId });
      return statuses.includes(run.status) ? run : undefined;
    },
    timeoutMs,
  ).catch(async (error: unknown) => {
    throw new Error(`${String(error)}\n${await runStory(serve, runId)}`);
  });
}

/** Where a run got to: its status and its last events, for a test that waited in vain. */
async function runStory(serve: ServeProcess, runId: string, limit = 12): Promise<string> {
  try {
    const run = await serve.call('runs.get', { runId });
    const events = await serve.call('runs.events', { runId, tail: true, limit });
    const lines = events.map(
      (event) =>
        `  ${event.seq} ${new Date(event.ts).toISOString().slice(11, 23)} ` +
        JSON.stringify({ ...event, runId: undefined, seq: undefined, ts: undefined }).slice(0, 200),
    );
    const header =
      `run ${run.id} "${run.taskTitle}": ${run.status}, held ${run.heldReason ?? '—'}, ` +
      `error ${run.error ?? '—'}; last events:`;
    return [header, ...lines].join('\n');
  } catch (error) {
    return `(could not read the run: ${String(error)})`;
  }
}

/** Test clean-up: cancels a run unless it has already ended (runs.cancel then answers 409). */
export async function cancelIfGoing(serve: ServeProcess, runId: string): Promise<void> {
  try {
    await serve.call('runs.cancel', { runId });
  } catch (error) {
    if (!(error instanceof Error && / → 409: /.test(error.message))) throw error;
  }
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const defined: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) defined[name] = value;
  return defined;
}

/** One fake API and one serve process for every test in the file: read `.serve` and `.fake`. */
export function sharedServe(options: Omit<ServeOptions, 'fakeUrl'> = {}): {
  readonly fake: FakeAnthropic;
  readonly serve: ServeProcess;
} {
  let started: { fake: FakeAnthropic; serve: ServeProcess } | undefined;
  let unreport = () => {};
  beforeAll(async () => {
    const fake = await startFakeAnthropic();
    unreport = reportFakeOnFailure(fake);
    started = { fake, serve: await startServe({ ...options, fakeUrl: fake.url }) };
  });
  afterAll(async () => {
    unreport();
    await started?.serve.stop();
    await started?.fake.close();
  });
  const get = () => {
    if (!started) throw new Error('serve starts in beforeAll; read it inside a test.');
    return started;
  };
  return {
    get fake() {
      return get().fake;
    },
    get serve() {
      return get().serve;
    },
  };
}
