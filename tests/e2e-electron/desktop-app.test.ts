// The packaged shape of the app in the real Electron binary: the locked-down window, the bridge,
// the engine host's local API (webhooks) and its restart after a kill, and a task run against the
// fake Anthropic API whose approval is given from the window.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/claude-env';
import { waitFor } from '../support/serve-process';
import {
  electronUnavailableReason,
  launchApp,
  type LaunchedApp,
  type PageGlobals,
} from './launch-app';

const unavailable = electronUnavailableReason();
if (unavailable && process.env.SWITCHBOARD_REQUIRE_ELECTRON !== '1') {
  console.warn(`e2e-electron: SKIPPED — ${unavailable}`);
}
const run = unavailable === null || process.env.SWITCHBOARD_REQUIRE_ELECTRON === '1';

describe.runIf(run)('the desktop app in Electron', () => {
  let launched: LaunchedApp | undefined;
  const app = (): LaunchedApp => {
    if (!launched) throw new Error('the app did not start');
    return launched;
  };

  beforeAll(async () => {
    if (unavailable) throw new Error(unavailable);
    launched = await launchApp();
  });
  afterAll(async () => launched?.close());

  it('shows the panel with exactly the desktop bridge and no Node in the page', async () => {
    const { page } = app();
    expect(new URL(page.url()).protocol).toBe('app:');
    const shape = await page.evaluate(() => {
      const globals = globalThis as unknown as PageGlobals;
      return {
        bridge: Object.keys(globals.switchboard).sort(),
        require: typeof globals.require,
        process: typeof globals.process,
      };
    });
    expect(shape).toEqual({
      bridge: ['call', 'onNavigate', 'pathForFile', 'pickFolder', 'setUnsavedChanges', 'subscribe'],
      require: 'undefined',
      process: 'undefined',
    });
  });

  it('stays on the panel when the page tries to navigate away', async () => {
    const { page } = app();
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(new URL(page.url()).protocol).toBe('app:');
  });

  it('serves the local API beside the window: health, the sign-in link, a webhook', async () => {
    const { call, dataDir, apiPort } = app();
    const state = await call('localApi.get', {});
    expect(state).toMatchObject({ enabled: true, url: `http://127.0.0.1:${apiPort}`, error: null });
    expect((await fetch(`http://127.0.0.1:${apiPort}/health`)).status).toBe(200);
    const signIn = await fetch(state.signInUrl ?? '', { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const task = await call('tasks.create', {
      title: 'Hooked',
      prompt: '[scenario:text say=hooked-in-electron]',
      cwd: dataDir,
    });
    const trigger = await call('triggers.create', { taskId: task.id, kind: 'webhook' });
    if (trigger.kind !== 'webhook' || !trigger.secret) throw new Error('no webhook secret');
    const hooked = await fetch(`http://127.0.0.1:${apiPort}${trigger.hookPath}`, {
      method: 'POST',
      headers: { 'X-Switchboard-Secret': trigger.secret },
    });
    expect(hooked.status).toBe(202);
  });

  it('restarts the engine host after it is killed, with a banner meanwhile', async () => {
    const { page, call, dataDir } = app();
    const holder = JSON.parse(readFileSync(join(dataDir, 'engine.lock'), 'utf8')) as {
      pid: number;
    };
    process.kill(holder.pid, 'SIGKILL');
    await page.getByTestId('engine-banner').waitFor({ timeout: 10_000 });
    await page.getByTestId('engine-banner').waitFor({ state: 'detached', timeout: 60_000 });
    expect((await call('tasks.list', {})).length).toBeGreaterThan(0);
    const again = JSON.parse(readFileSync(join(dataDir, 'engine.lock'), 'utf8')) as {
      pid: number;
    };
    expect(again.pid).not.toBe(holder.pid);
  });

  it('runs a task against the fake API and takes the approval from the window', async () => {
    const { call } = app();
    const task = await call('tasks.create', {
      title: 'E2E bash',
      prompt: '[scenario:bash command=echo%20from-electron]',
      // Not the data folder: tasks may not work inside it.
      cwd: tempDir('e2e-work'),
    });
    const started = await call('tasks.run', { taskId: task.id });
    const approval = await waitFor('a pending approval', async () =>
      (await call('approvals.list', { status: 'pending' })).find((a) => a.runId === started.id),
    );
    expect(approval.toolName).toBe('Bash');
    await call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await waitFor(
      'the run to finish',
      async () => {
        const current = await call('runs.get', { runId: started.id });
        return ['succeeded', 'failed'].includes(current.status) ? current : undefined;
      },
      60_000,
    );
    expect(done.status).toBe('succeeded');
  });
});
