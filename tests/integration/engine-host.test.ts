// The engine host entry (out/main/engine-host.js) driven over its message protocol by the same
// supervisor the app's main process uses, forked as a Node child instead of a utility process:
// start, calls, push events, the local API (browser sign-in, webhooks), settings turning it off
// and moving it, a crash and restart with recovery, a clean stop, and a second engine refused
// with the running API's address.
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../src/shared/contract';
import { createApiClient, type ApiClient } from '../../src/shared/client';
import type { EngineStatus, Run } from '../../src/shared/domain';
import { EngineHostSupervisor } from '../../src/main/desktop/engine-host-supervisor';
import { ENGINE_HOST_PRIORITY } from '../../src/main/engine/lifecycle/process-priority';
import { isAlive } from '../../src/main/engine/lifecycle/process-group';
import { DEFAULT_SETTINGS } from '../../src/main/engine/settings/settings';
import type { HostConfig } from '../../src/main/host/host-protocol';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { claudeEnv, tempDir } from '../support/claude-env';
import { freePort } from '../support/free-port';
import { hostConfig, nodeHostForker, type ForkedHosts } from '../support/host-process';
import { descendants, isClaudeCode, threadNiceValues } from '../support/process-tree';
import { waitFor } from '../support/serve-process';

let fake: FakeAnthropic;
let config: HostConfig;
let hosts: ForkedHosts;
let supervisor: EngineHostSupervisor;
let api: ApiClient;
const events: PushEvent[] = [];
let port: number;

function statuses(): EngineStatus['state'][] {
  return events.flatMap((e) => (e.type === 'engine.status' ? [e.payload.state] : []));
}

async function waitForRun(runId: string, wanted: Run['status'][]): Promise<Run> {
  return waitFor(
    `run ${runId} to be ${wanted.join('/')}`,
    async () => {
      const run = await api.call('runs.get', { runId });
      return wanted.includes(run.status) ? run : undefined;
    },
    60_000,
  );
}

beforeAll(async () => {
  fake = await startFakeAnthropic();
  config = hostConfig(fake.url);
  port = await freePort();
  // The desktop default is a fixed port (7420); a test takes a free one through the same setting.
  writeFileSync(
    join(config.dataDir, 'settings.json'),
    JSON.stringify({
      ...DEFAULT_SETTINGS,
      desktop: { ...DEFAULT_SETTINGS.desktop, localApiPort: port },
    }),
  );
  hosts = nodeHostForker();
  supervisor = new EngineHostSupervisor({
    fork: hosts.fork,
    config,
    backoffMs: [200, 400],
    stableAfterMs: 5_000,
  });
  supervisor.subscribe((event) => events.push(event));
  api = createApiClient(supervisor);
});

afterAll(async () => {
  await supervisor.stop(20_000);
  await fake.close();
});

describe('the engine host over its message protocol', () => {
  it('starts on the data folder and serves the local API on the port from settings', async () => {
    const info = await supervisor.start();
    expect(info.pid).toBe(hosts.children[0]?.pid);
    expect(info.pid).not.toBe(process.pid);
    // Every thread of the host runs below the window's thread (Linux keeps nice per thread).
    if (process.platform === 'linux') {
      expect(new Set(threadNiceValues(info.pid))).toEqual(new Set([ENGINE_HOST_PRIORITY]));
    }
    expect(info.localApi).toEqual({
      enabled: true,
      url: `http://127.0.0.1:${port}`,
      signInUrl: `http://127.0.0.1:${port}/?token=${config.localApi.token}`,
      error: null,
    });
    expect(supervisor.current().state).toBe('running');
    expect(await api.call('localApi.get', {})).toEqual(info.localApi);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
  });

  it('answers calls, validates input in the host, and pushes run events', async () => {
    const task = await api.call('tasks.create', {
      title: 'Host hello',
      prompt: '[scenario:text say=hello-from-host]',
      cwd: tempDir('host-work'),
    });
    const run = await api.call('tasks.run', { taskId: task.id });
    const done = await waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.result).toContain('hello-from-host');
    const pushed = events.filter(
      (e) =>
        (e.type === 'run.updated' && e.payload.id === run.id) ||
        (e.type === 'run.event' && e.payload.runId === run.id),
    );
    expect(pushed.some((e) => e.type === 'run.event')).toBe(true);
    expect(
      pushed.some(
        (e) =>
          e.type === 'run.updated' && e.payload.id === run.id && e.payload.status === 'succeeded',
      ),
    ).toBe(true);

    const bad = await supervisor.call('tasks.get', { taskId: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'taskId' } });
    const unknown = await supervisor.call('tasks.explode', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('signs a browser in with the link and serves the panel and the API to it', async () => {
    const state = await api.call('localApi.get', {});
    const signIn = await fetch(state.signInUrl ?? '', { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toContain(config.localApi.token);
    const page = await fetch(`${state.url ?? ''}/settings`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const listed = await fetch(`${state.url ?? ''}/rpc/tasks.list`, {
      method: 'POST',
      headers: { cookie, origin: state.url ?? '', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as unknown[]).length).toBeGreaterThan(0);
    const anonymous = await fetch(`${state.url ?? ''}/rpc/tasks.list`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });

  it('starts a run from a webhook on the local API, pushing it to the main process', async () => {
    const task = await api.call('tasks.create', {
      title: 'Host hook',
      prompt: '[scenario:text say=hooked]',
      cwd: tempDir('host-hook'),
    });
    const trigger = await api.call('triggers.create', { taskId: task.id, kind: 'webhook' });
    if (trigger.kind !== 'webhook' || !trigger.secret) throw new Error('no webhook secret');
    const url = `http://127.0.0.1:${port}${trigger.hookPath}`;
    const refused = await fetch(url, { method: 'POST', headers: { 'X-Switchboard-Secret': 'no' } });
    expect(refused.status).toBe(401);
    const accepted = await fetch(url, {
      method: 'POST',
      headers: { 'X-Switchboard-Secret': trigger.secret, 'Content-Type': 'text/plain' },
      body: 'from the hook',
    });
    expect(accepted.status).toBe(202);
    const { runId } = (await accepted.json()) as { runId: string };
    const done = await waitForRun(runId, ['succeeded', 'failed']);
    expect(done.trigger.kind).toBe('webhook');
    expect(done.prompt).toContain('from the hook');
    expect(events.some((e) => e.type === 'run.updated' && e.payload.id === runId)).toBe(true);
  });

  it('turns the local API off and moves it as settings change, webhooks following', async () => {
    await api.call('settings.update', { desktop: { localApi: false } });
    expect(await api.call('localApi.get', {})).toMatchObject({ enabled: false, url: null });
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();

    const moved = await freePort();
    await api.call('settings.update', { desktop: { localApi: true, localApiPort: moved } });
    const state = await api.call('localApi.get', {});
    expect(state).toMatchObject({ enabled: true, url: `http://127.0.0.1:${moved}`, error: null });
    expect((await fetch(`http://127.0.0.1:${moved}/health`)).status).toBe(200);
    port = moved;
  });

  it('reports a taken port instead of failing, and keeps the engine running', async () => {
    const squatter = createServer();
    const taken = await freePort();
    await new Promise<void>((done) => squatter.listen(taken, '127.0.0.1', done));
    try {
      await api.call('settings.update', { desktop: { localApiPort: taken } });
      const state = await api.call('localApi.get', {});
      expect(state.url).toBeNull();
      expect(state.error).toMatch(new RegExp(`Port ${taken} .* in use`));
      expect((await api.call('tasks.list', {})).length).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((done) => squatter.close(() => done()));
    }
    await api.call('settings.update', { desktop: { localApiPort: port } });
    expect((await api.call('localApi.get', {})).url).toBe(`http://127.0.0.1:${port}`);
  });

  it('tells a second engine on the same folder where the running API is', async () => {
    const serveEntry = resolve(import.meta.dirname, '../../out/main/serve.js');
    const child = spawn(process.execPath, [serveEntry, '--port', '0'], {
      env: { ...process.env, ...claudeEnv(fake.url), SWITCHBOARD_DATA_DIR: config.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    expect(code).toBe(1);
    expect(output).toContain(
      `Another Switchboard engine (desktop, pid ${supervisor.lastReady()?.pid}`,
    );
    expect(output).toContain(`Its local API is at http://127.0.0.1:${port}/`);
  });

  it('restarts a crashed host with recovery, failing calls meanwhile instead of hanging', async () => {
    const task = await api.call('tasks.create', {
      title: 'Long job',
      prompt: '[scenario:slow words=400 delay=100]',
      cwd: tempDir('host-crash'),
    });
    const run = await api.call('tasks.run', { taskId: task.id });
    await waitFor('the run to stream', async () =>
      (await api.call('runs.events', { runId: run.id })).some((e) => e.type === 'text'),
    );
    const crashed = supervisor.lastReady()?.pid ?? 0;
    const claude = descendants(crashed).find(isClaudeCode);
    expect(claude, 'the host runs Claude Code as its child').toBeDefined();
    const before = statuses().length;
    process.kill(crashed, 'SIGKILL');

    // A call made meanwhile fails at once with a clear error (calls in flight: unit tests).
    await waitFor('the restarting status', () => statuses().slice(before).includes('restarting'));
    const meanwhile = await supervisor.call('tasks.list', {});
    if (meanwhile.ok) throw new Error('a call to a dead host succeeded');
    expect(meanwhile.error.code).toBe('unavailable');
    expect(meanwhile.error.message).toMatch(/engine stopped.*Restarting/);

    await waitFor('the host to be back', () => supervisor.current().state === 'running', 60_000);
    const back = supervisor.lastReady();
    expect(back?.pid).not.toBe(crashed);
    expect(back?.recovered.interrupted).toBeGreaterThanOrEqual(1);
    // The SIGKILLed host's Claude Code child does not outlive it: the orphan watchdog ends it,
    // and the new host's reaper is the safety net.
    const orphan = claude?.pid ?? 0;
    await waitFor(`the orphan ${orphan} to be gone`, () => !isAlive(orphan), 10_000);
    expect((await api.call('runs.get', { runId: run.id })).status).toBe('interrupted');
    expect((await api.call('localApi.get', {})).url).toBe(`http://127.0.0.1:${port}`);
  });

  it('stops cleanly: the host exits, the folder and the port are released', async () => {
    const child = hosts.children.at(-1);
    const exited = new Promise<number | null>((done) => child?.once('exit', done));
    await supervisor.stop(20_000);
    expect(await exited).toBe(0);
    expect(supervisor.current().state).toBe('stopped');
    expect(existsSync(join(config.dataDir, 'engine.lock'))).toBe(false);
    expect(existsSync(join(config.dataDir, 'local-api.json'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    expect(await supervisor.call('tasks.list', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
