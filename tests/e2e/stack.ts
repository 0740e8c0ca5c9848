// What each e2e suite starts: the fake Anthropic API, the built serve process (real engine, real
// Claude Code binary) and Chromium, plus a scratch folder for tasks to work in.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  startFakeAnthropic,
  type FakeAnthropic,
  type FakeAnthropicOptions,
} from '../fixtures/fake-anthropic/server';
import { launchBrowser, openPanel, type Panel, type PanelOptions } from '../support/browser';
import { reportFakeOnFailure } from '../support/failure-report';
import { tempDir } from '../support/claude-env';
import { startServe, waitFor, type ServeProcess } from '../support/serve-process';

export interface Stack {
  fake: FakeAnthropic;
  serve: ServeProcess;
  browser: Browser;
  workDir: string;
  open(options?: PanelOptions): Promise<Panel>;
  stop(): Promise<void>;
}

/**
 * `env` goes to the serve process (e.g. a D-Bus address that leads nowhere: no keychain);
 * `dataDir` is a data folder seeded beforehand.
 */
export async function startStack(
  options: {
    env?: Record<string, string | undefined>;
    fake?: FakeAnthropicOptions;
    dataDir?: string;
    /** Keep a warm Claude Code process (off unless a test is about it: see startServe). */
    warmSpare?: boolean;
  } = {},
): Promise<Stack> {
  const fake = await startFakeAnthropic(options.fake);
  const unreport = reportFakeOnFailure(fake);
  const serve = await startServe({
    fakeUrl: fake.url,
    env: options.env,
    dataDir: options.dataDir,
    warmSpare: options.warmSpare,
  });
  const browser = await launchBrowser();
  const panels: Panel[] = [];
  return {
    fake,
    serve,
    browser,
    workDir: tempDir('work'),
    async open(options) {
      const panel = await openPanel(browser, serve, options);
      panels.push(panel);
      return panel;
    },
    async stop() {
      for (const panel of panels) await panel.context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await serve.stop();
      unreport();
      await fake.close();
    },
  };
}

/** Creates a task straight through the API (for suites whose subject is not the form). */
export async function createTask(
  stack: Stack,
  title: string,
  prompt: string,
  extra: { cwd?: string; allowedTools?: string[] } = {},
): Promise<string> {
  const task = await stack.serve.call('tasks.create', {
    title,
    prompt,
    cwd: extra.cwd ?? stack.workDir,
    ...(extra.allowedTools ? { allowedTools: extra.allowedTools } : {}),
  });
  return task.id;
}

/** The run id in the page's address, once the panel shows a run. */
export async function currentRunId(page: Page): Promise<string> {
  await page.waitForURL(/\/runs\/[^/]+$/);
  const id = new URL(page.url()).pathname.split('/').pop();
  if (!id) throw new Error(`no run id in ${page.url()}`);
  return id;
}

export async function runStatus(page: Page): Promise<string | null> {
  return page.locator('.run-header .status-badge').getAttribute('data-status');
}

export async function waitForRunStatus(
  page: Page,
  status: string,
  timeoutMs = 60_000,
): Promise<void> {
  await page
    .locator(`.run-header .status-badge[data-status="${status}"]`)
    .waitFor({ timeout: timeoutMs });
}

/** Cancels every run still going, so a test that failed halfway leaves nothing for the next. */
export async function cancelLiveRuns(stack: Stack): Promise<void> {
  for (const status of ['waiting', 'running', 'queued'] as const) {
    for (const run of await stack.serve.call('runs.list', { status })) {
      await stack.serve.call('runs.cancel', { runId: run.id }).catch(() => undefined);
    }
  }
}

/** Waits until no request on the page is in its first moment (arrival: keys wait then). */
export const settled = (page: Page) =>
  page.waitForFunction(() => document.querySelector('[data-just-arrived]') === null);

export async function waitForFile(path: string, timeoutMs = 30_000): Promise<string> {
  return waitFor(
    `file ${path}`,
    () => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
    timeoutMs,
  );
}

export const inWorkDir = (stack: Stack, name: string) => join(stack.workDir, name);

/** The panel's money format for amounts under $1. */
export function usd(value: number): string {
  return value < 0.01 ? `$${value.toFixed(4)}` : `$${value.toFixed(3)}`;
}
