// Launches the system Chromium through playwright-core and opens the panel of a running serve
// process, signed in through its `?token=` link. Screenshots land in tests/e2e/screenshots/.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { PUSH_EVENT_NAMES } from '../../src/shared/contract';
import { reportOnFailure } from './failure-report';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../e2e/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export interface PanelOptions {
  /** The route to open after signing in, e.g. `/inbox`. */
  path?: string;
  width?: number;
  height?: number;
  colorScheme?: 'light' | 'dark';
  /** A touch screen (a phone): `tap()` works, as a finger does. */
  touch?: boolean;
  /** Script run before the page's own (e.g. a stand-in desktop bridge). */
  initScript?: string;
  /** Set-up of the browser context before the page loads (e.g. routes that hold requests). */
  prepare?: (context: BrowserContext) => Promise<unknown>;
}

export interface Panel {
  context: BrowserContext;
  page: Page;
}

export async function openPanel(
  browser: Browser,
  serve: { url: string; token: string },
  options: PanelOptions = {},
): Promise<Panel> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: 'reduce',
    hasTouch: options.touch ?? false,
  });
  closeWhenTestEnds(context);
  await context.addInitScript(LOG_PUSHES);
  if (options.initScript) await context.addInitScript(options.initScript);
  await options.prepare?.(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  context.on('close', reportPageOnFailure(page));
  const path = options.path ?? '/';
  // The link sets the sign-in cookie and redirects to the same path without the token.
  const signIn = `${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(serve.token)}`;
  await page.goto(`${serve.url}${path}${signIn}`);
  await page.locator('nav[aria-label="Main"]').or(page.locator('main.quick')).first().waitFor();
  return { context, page };
}

/**
 * A panel opened inside a test closes when that test ends (after the failure report has read
 * it): an open page keeps reloading on every push, and a file's leftover pages used to take
 * most of the CPU its tests had. One opened in a beforeAll stays for the file.
 */
function closeWhenTestEnds(context: BrowserContext): void {
  try {
    onTestFinished(() => context.close().catch(() => undefined));
  } catch {
    // Not inside a test: whoever opened it closes it (the stack closes its browser).
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** One screenshot per width (1400, 900) and scheme (light, dark), named `<name>-<width>-<scheme>`. */
export async function screenshotEach(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1400, height: 900 };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1400, 900]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `${name}-${width}-${scheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: null });
  await page.setViewportSize(size);
}

const PAGE_TEXT_CHARS = 1_500;
/** Failure screenshots are named by worker process too: two e2e files run at once. */
let failedShots = 0;

/**
 * Runs in each page before the panel: keeps the last pushes its event streams delivered (with
 * opens and errors) in `window.__pushLog`, so a failed test's report tells a push that never
 * reached the page from one the page did not apply. Transcript events are only counted.
 */
const LOG_PUSHES = `(() => {
  const log = (window.__pushLog = []);
  let events = 0;
  const note = (text) => {
    log.push(new Date().toISOString().slice(11, 23) + ' ' + text);
    if (log.length > 25) log.shift();
  };
  const Native = window.EventSource;
  window.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init);
      note('stream ' + url);
      this.addEventListener('open', () => note('stream open'));
      this.addEventListener('error', () => note('stream error, readyState ' + this.readyState));
      for (const name of ${JSON.stringify(PUSH_EVENT_NAMES)}) {
        this.addEventListener(name, (message) => {
          if (name === 'run.event') return void events++;
          let what = '';
          try {
            const payload = JSON.parse(message.data);
            what = [payload.id ?? payload.runId ?? '', payload.status ?? ''].join(' ');
          } catch {}
          note(name + ' ' + what + ' (run.event so far: ' + events + ')');
        });
      }
    }
  };
})();`;

/** The last `size` lines written, each with the time it was written. */
function ring(size: number) {
  const lines: string[] = [];
  return {
    lines,
    note: (text: string) => {
      lines.push(`${new Date().toISOString().slice(11, 23)} ${text.slice(0, 200)}`);
      if (lines.length > size) lines.shift();
    },
  };
}

/**
 * What a failed test's open page showed: its address, its text, what went wrong in it, and its
 * last API calls and event-stream openings (when each answered), to tell a missed push from a
 * view that never asked.
 */
function reportPageOnFailure(page: Page): () => void {
  const { lines: problems, note } = ring(20);
  const traffic = ring(20);
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/rpc/') || path === '/events')
      traffic.note(`${path} → ${response.status()}`);
  });
  page.on('pageerror', (error) => note(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A failed request is reported once, as a failed request.
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource'))
      note(`console: ${text}`);
  });
  page.on('requestfailed', (request) =>
    note(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
  );
  return reportOnFailure('page', async () => {
    const text = await page
      .locator('body')
      .innerText({ timeout: 2_000 })
      .catch((error: unknown) => `(no text: ${String(error)})`);
    const shown = text.length > PAGE_TEXT_CHARS ? `${text.slice(0, PAGE_TEXT_CHARS)}…` : text;
    const shot = await screenshot(page, `failed-${process.pid}-${++failedShots}`).catch(
      () => 'none',
    );
    const pushes = await page
      .evaluate(() => (globalThis as unknown as { __pushLog?: string[] }).__pushLog ?? [])
      .catch((error: unknown) => [`(no push log: ${String(error)})`]);
    return [
      `  ${page.url()} (screenshot: ${shot})`,
      ...shown
        .split('\n')
        .filter(Boolean)
        .map((line) => `  | ${line}`),
      ...problems.map((line) => `  ${line}`),
      ...traffic.lines.map((line) => `  ${line}`),
      '  pushes the page received:',
      ...pushes.map((line) => `  ${line}`),
    ].join('\n');
  });
}
