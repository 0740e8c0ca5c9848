// The main process's side of the engine host, under the fake 'electron': the utility process is
// forked with the host's config, IPC calls and push events are relayed, a dead host is restarted
// with growing backoff while the panel hears engine.status (its banner) and pending calls fail at
// once, and quitting stops the host with a deadline.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import {
  FakeWebContents,
  PANEL_URL,
  ipcMain,
  resetFakeElectron,
  utilityProcess,
  type FakeUtilityProcess,
} from '../fakes/electron';
import type { WebContents } from 'electron';
import type { PushEvent } from '../../../src/shared/contract';
import { IPC_CHANNELS } from '../../../src/shared/ipc-channels';
import { bindIpc } from '../../../src/main/desktop/ipc';
import { isPanelUrl } from '../../../src/main/desktop/web-security';
import { EngineHostSupervisor } from '../../../src/main/desktop/engine-host-supervisor';
import { forkUtilityHost } from '../../../src/main/desktop/utility-host';
import type { HostConfig, HostReadyInfo } from '../../../src/main/host/host-protocol';
import { makeRun } from './shell-harness';

const ENTRY = '/app/out/main/engine-host.js';
const config: HostConfig = {
  dataDir: '/data',
  holder: 'desktop',
  env: { PATH: '/usr/bin' },
  staticDir: '/app/out/renderer',
  localApi: { token: 'tok', required: false },
};
const readyInfo = (pid: number): HostReadyInfo => ({
  pid,
  localApi: { enabled: true, url: 'http://127.0.0.1:7420', signInUrl: null, error: null },
  recovered: { interrupted: 0, reapedPids: [] },
});

describe('engine host supervisor', () => {
  let panel: FakeWebContents;
  let supervisor: EngineHostSupervisor;
  let unbind: () => void;

  const host = (n: number): FakeUtilityProcess => {
    const child = utilityProcess.forked[n];
    if (!child)
      throw new Error(`no utility process #${n} (forked ${utilityProcess.forked.length})`);
    return child;
  };
  const lastCall = (child: FakeUtilityProcess) => {
    const message = child.received.at(-1) as { type: string; id: number; method: string };
    expect(message.type).toBe('call');
    return message;
  };
  /** What the panel gets back: the host's JSON, passed through undecoded (the preload decodes it). */
  const invoke = async (method: string, input: unknown): Promise<unknown> => {
    const answer = await ipcMain.invoke(IPC_CHANNELS.call, { sender: panel }, method, input);
    if (typeof answer !== 'string')
      throw new Error(`not passed through as JSON: ${String(answer)}`);
    return JSON.parse(answer) as unknown;
  };
  const result = (value: unknown) => JSON.stringify({ ok: true, value });
  const banner = () =>
    panel.sent
      .filter((m) => m.channel === IPC_CHANNELS.event)
      .map((m) => m.args[0] as PushEvent)
      .flatMap((e) => (e.type === 'engine.status' ? [e.payload.state] : []));
  const startReady = async () => {
    const started = supervisor.start();
    // Spawned: it has a pid now.
    await Promise.resolve();
    host(0).reply({ type: 'ready', info: readyInfo(host(0).pid ?? 0) });
    return started;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    resetFakeElectron();
    panel = new FakeWebContents();
    panel.mainFrame.url = PANEL_URL;
    supervisor = new EngineHostSupervisor({
      fork: () => forkUtilityHost(ENTRY, { PATH: '/usr/bin' }),
      config,
      backoffMs: [500, 1_000, 2_000],
      stableAfterMs: 60_000,
      startTimeoutMs: 30_000,
      maxRestarts: 3,
    });
    unbind = bindIpc({
      call: (method, input) => supervisor.relay(method, input),
      subscribe: (listener) => supervisor.subscribe(listener),
      panelContents: () => [panel as unknown as WebContents],
      isPanelUrl: (url) => isPanelUrl(url, 'app://switchboard'),
      pickFolder: async () => null,
      pickSavePath: async () => null,
      setUnsaved: () => undefined,
    });
  });
  afterEach(() => {
    unbind();
    vi.useRealTimers();
  });

  it('forks the host entry as a utility process and hands it the config', async () => {
    const started = supervisor.start();
    // As Electron's: no pid until the process has spawned.
    expect(host(0).pid).toBeUndefined();
    await Promise.resolve();
    host(0).reply({ type: 'ready', info: readyInfo(host(0).pid ?? 0) });
    const info = await started;
    expect(utilityProcess.forked).toHaveLength(1);
    expect(host(0).entry).toBe(ENTRY);
    expect(host(0).options).toMatchObject({
      serviceName: 'Switchboard engine',
      env: { PATH: '/usr/bin' },
    });
    expect(host(0).received[0]).toEqual({ type: 'start', config });
    expect(info.pid).toBe(host(0).pid);
    expect(supervisor.current()).toEqual({ state: 'running', message: null });
  });

  it('rejects the first start with the host’s reason (another engine holds the folder)', async () => {
    const started = supervisor.start();
    host(0).reply({
      type: 'failed',
      message: 'Another Switchboard engine (serve, pid 9) is using /data.',
    });
    host(0).exit(1);
    await expect(started).rejects.toThrow('Another Switchboard engine (serve, pid 9)');
    expect(utilityProcess.forked).toHaveLength(1);
  });

  it('relays the panel’s calls to the host and the host’s push events to the panel', async () => {
    await startReady();
    const answered = invoke('runs.get', { runId: 'run_1' });
    const call = lastCall(host(0));
    expect(call).toMatchObject({ method: 'runs.get', input: { runId: 'run_1' } });
    const run = makeRun({ id: 'run_1' });
    host(0).reply({ type: 'result', id: call.id, json: result(run) });
    expect(await answered).toEqual({ ok: true, value: run });

    host(0).reply({ type: 'event', event: { type: 'run.updated', payload: run } });
    expect(panel.sent.at(-1)).toEqual({
      channel: IPC_CHANNELS.event,
      args: [{ type: 'run.updated', payload: run }],
    });
  });

  it('restarts a dead host with growing backoff; calls fail at once and the panel shows a banner', async () => {
    await startReady();
    const pending = invoke('tasks.list', {});
    host(0).exit(139);
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'The engine stopped (it exited with code 139).' },
    });
    expect(banner()).toEqual(['starting', 'running', 'restarting']);
    expect(await invoke('tasks.list', {})).toMatchObject({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'The engine stopped (it exited with code 139). Restarting…',
      },
    });

    await vi.advanceTimersByTimeAsync(499);
    expect(utilityProcess.forked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(utilityProcess.forked).toHaveLength(2);
    expect(host(1).received[0]).toEqual({ type: 'start', config });

    // The restarted host dies before it is ready: the next wait is longer.
    host(1).exit(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(utilityProcess.forked).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(utilityProcess.forked).toHaveLength(3);

    host(2).reply({ type: 'ready', info: readyInfo(host(2).pid ?? 0) });
    // Each crash updates the banner's reason; ready takes it away.
    expect(banner()).toEqual(['starting', 'running', 'restarting', 'restarting', 'running']);
    const answered = invoke('tasks.list', {});
    host(2).reply({ type: 'result', id: lastCall(host(2)).id, json: result([]) });
    expect(await answered).toEqual({ ok: true, value: [] });
  });

  it('forgives old crashes after a stable run, and gives up after too many in a row', async () => {
    await startReady();
    host(0).exit(1);
    await vi.advanceTimersByTimeAsync(500);
    host(1).reply({ type: 'ready', info: readyInfo(1) });
    await vi.advanceTimersByTimeAsync(60_000);
    host(1).exit(1);
    // Stable for a minute: back to the shortest wait.
    await vi.advanceTimersByTimeAsync(500);
    expect(utilityProcess.forked).toHaveLength(3);

    host(2).exit(1);
    await vi.advanceTimersByTimeAsync(1_000);
    host(3).exit(1);
    await vi.advanceTimersByTimeAsync(2_000);
    host(4).exit(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(utilityProcess.forked).toHaveLength(5);
    expect(supervisor.current().state).toBe('failed');
    expect(supervisor.current().message).toMatch(/stopped 4 times in a row.*Quit and reopen/);
    expect(banner().at(-1)).toBe('failed');
  });

  it('kills a host that does not become ready in time, then restarts it', async () => {
    await startReady();
    host(0).exit(1);
    await vi.advanceTimersByTimeAsync(500);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(host(1).killed).toBe(true);
    host(1).exit(1);
    expect(supervisor.current().message).toMatch(/did not start within 30000 ms/);
  });

  it('quits by asking the host to stop, and kills it when the deadline passes', async () => {
    await startReady();
    const stopped = supervisor.stop(5_000);
    expect(host(0).received.at(-1)).toEqual({ type: 'stop' });
    host(0).reply({ type: 'stopped' });
    host(0).exit(0);
    await stopped;
    expect(host(0).killed).toBe(false);
    // Messages to an exited process are dropped, and killing it again does nothing.
    const sent = host(0).received.length;
    expect(() => host(0).postMessage({ type: 'stop' })).not.toThrow();
    expect(host(0).received).toHaveLength(sent);
    expect(host(0).kill()).toBe(false);
    expect(utilityProcess.forked).toHaveLength(1);

    const second = new EngineHostSupervisor({
      fork: () => forkUtilityHost(ENTRY, {}),
      config,
    });
    const started = second.start();
    host(1).reply({ type: 'ready', info: readyInfo(2) });
    await started;
    let done = false;
    const stopping = second.stop(5_000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(done).toBe(false);
    expect(host(1).killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(host(1).killed).toBe(true);
    host(1).exit(143);
    await stopping;
    // A stopped host is not restarted.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(utilityProcess.forked).toHaveLength(2);
  });
});
