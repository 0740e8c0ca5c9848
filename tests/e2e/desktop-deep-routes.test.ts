// The built panel as the desktop app serves it, opened straight at a deep route (a notification
// or tray click with no window yet, a reload on /runs/<id>): the app:// protocol's own responses
// (panel-response: serve's file choice, the desktop's Content-Security-Policy) from a small HTTP
// server, Chromium opening /runs/<id> and /tasks/<id>, and the page's bridge calling a real engine
// through a Playwright binding, as the preload calls the main process over IPC.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, panelResponse } from '../../src/main/desktop/panel-response';
import { launchBrowser, screenshot } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { cancelIfGoing, sharedServe } from '../support/serve-process';

const RENDERER = resolve(import.meta.dirname, '../../out/renderer');
const shared = sharedServe();
let panelServer: Server;
let panelOrigin: string;
let browser: Browser;

beforeAll(async () => {
  // What the app:// handler answers, byte for byte, over HTTP.
  const csp = contentSecurityPolicy(null);
  panelServer = createServer((req, res) => {
    void panelResponse(RENDERER, csp, `app://switchboard${req.url ?? '/'}`).then(
      async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      },
    );
  });
  await new Promise<void>((done) => panelServer.listen(0, '127.0.0.1', done));
  panelOrigin = `http://127.0.0.1:${(panelServer.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await new Promise((done) => panelServer.close(done));
});

/** The preload's bridge in the page; its calls reach the engine through a binding (no fetch). */
const BRIDGE = `
  window.switchboard = {
    call: (method, input) => window.__desktopCall(method, input ?? {}),
    subscribe: () => () => {},
    pathForFile: (file) => file.name,
    onNavigate: () => () => {},
    pickFolder: async () => null,
    pickSavePath: async () => null,
    setUnsavedChanges: () => {},
  };
`;

/** Opens `path` straight from the address bar, as the window loads a route; the panel must show. */
async function openAt(path: string): Promise<{ page: Page; failed: string[] }> {
  const opened = await openPage(path);
  // A blank window is an asset that did not load: say which.
  await opened.page
    .locator('nav[aria-label="Main"]')
    .waitFor()
    .catch((error: unknown) => {
      throw new Error(`${path} did not render (${String(error)}):\n${opened.failed.join('\n')}`);
    });
  return opened;
}

/** A fresh page at `path`, noting every failed request and console error. */
async function openPage(path: string): Promise<{ page: Page; failed: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await context.exposeBinding('__desktopCall', async (_source, method: string, input: unknown) => {
    const response = await shared.serve.request(`/rpc/${method}`, {
      method: 'POST',
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { error?: unknown };
    // As the preload hands it over: JSON text, parsed by the page.
    return JSON.stringify(
      response.ok ? { ok: true, value: body } : { ok: false, error: body.error },
    );
  });
  await context.addInitScript(BRIDGE);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') failed.push(`console: ${message.text()}`);
  });
  await page.goto(`${panelOrigin}${path}`);
  return { page, failed };
}

describe('the desktop panel opened at a deep route', () => {
  it('renders a run and a task, with every asset found under the desktop policy', async () => {
    const { serve } = shared;
    const task = await serve.call('tasks.create', {
      title: 'Deep route',
      prompt: 'Say hi [scenario:text say=hello-from-deep]',
      cwd: tempDir('deep-work'),
    });
    const started = await serve.call('tasks.run', { taskId: task.id });

    // Whatever the run's state: the page must show it (the run itself is not the subject).
    const run = await openAt(`/runs/${started.id}`);
    await run.page.locator('.run-header .status-badge').waitFor();
    await screenshot(run.page, 'desktop-deep-route-run');
    expect(run.failed).toEqual([]);

    const taskPage = await openAt(`/tasks/${task.id}`);
    await taskPage.page.getByRole('heading', { name: 'Deep route' }).first().waitFor();
    expect(taskPage.failed).toEqual([]);
    await cancelIfGoing(serve, started.id);
  }, 120_000);
});
