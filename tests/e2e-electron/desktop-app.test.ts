// The packaged shape of the app in the real Electron binary: the locked-down window, the bridge,
// the engine host's local API (webhooks) and its restart after a kill, a task run against the
// fake Anthropic API whose approval is given from the window, deep routes loaded and reloaded, a
// tray click on a recent run, and a clean quit (last: it ends the app).
import { existsSync, readFileSync } from 'node:fs';
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
      bridge: [
        'call',
        'onNavigate',
        'pathForFile',
        'pickFolder',
        'pickSavePath',
        'setUnsavedChanges',
        'subscribe',
      ],
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

  it('loads and reloads a deep route (a notification or tray click with no window yet)', async () => {
    const { page, call } = app();
    const task = await call('tasks.create', {
      title: 'Deep in Electron',
      prompt: '[scenario:text say=deep]',
      cwd: tempDir('e2e-deep'),
    });
    const started = await call('tasks.run', { taskId: task.id });
    await page.goto(`app://switchboard/runs/${started.id}`);
    await page.locator('.run-header .status-badge').waitFor({ timeout: 20_000 });
    await page.reload();
    await page.locator('nav[aria-label="Main"]').waitFor({ timeout: 20_000 });
    await page.locator('.run-header .status-badge').waitFor({ timeout: 20_000 });
    await page.goto(`app://switchboard/tasks/${task.id}`);
    await page.getByRole('heading', { name: 'Deep in Electron' }).first().waitFor();
  });

  it('opens a recent run from the tray into a hidden window', async () => {
    const { app: electronApp, page, call } = app();
    // The tray's menu, as the main process last set it (Electron lists no trays).
    await electronApp.evaluate(({ Tray }) => {
      const store = globalThis as unknown as { __trayMenu?: unknown };
      const original = Object.getOwnPropertyDescriptor(Tray.prototype, 'setContextMenu')?.value as (
        this: Electron.Tray,
        menu: Electron.Menu | null,
      ) => void;
      Tray.prototype.setContextMenu = function (menu) {
        store.__trayMenu = menu;
        original.call(this, menu);
      };
    });
    const task = await call('tasks.create', {
      title: 'Tray pick',
      prompt: '[scenario:text say=tray]',
      cwd: tempDir('e2e-tray'),
    });
    const started = await call('tasks.run', { taskId: task.id });
    await waitFor('the run in the tray menu', () =>
      electronApp.evaluate(() => {
        const menu = (globalThis as unknown as { __trayMenu?: Electron.Menu }).__trayMenu;
        return menu?.items.some((item) => item.label.startsWith('Tray pick')) === true;
      }),
    );
    await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    await electronApp.evaluate(() => {
      const menu = (globalThis as unknown as { __trayMenu?: Electron.Menu }).__trayMenu;
      const item = menu?.items.find((each) => each.label.startsWith('Tray pick'));
      item?.click();
    });
    await page.waitForURL(`app://switchboard/runs/${started.id}`, { timeout: 20_000 });
    await page.locator('.run-header .status-badge').waitFor({ timeout: 20_000 });
    expect(
      await electronApp.evaluate(
        ({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false,
      ),
    ).toBe(true);
  });

  it('quits cleanly: the engine stops and releases its data folder', async () => {
    const { app: electronApp, dataDir } = app();
    const closed = new Promise<void>((resolve) => electronApp.once('close', () => resolve()));
    await electronApp.evaluate(({ app: main }) => main.quit());
    await Promise.race([
      closed,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('the app did not quit within 30 s')), 30_000),
      ),
    ]);
    expect(existsSync(join(dataDir, 'engine.lock'))).toBe(false);
  });
});
