// The panel with one 20,000-line answer (~2 MB), in Chromium against the built `serve`. Targets
// (printed, not asserted): the run opens with its first and last lines drawn in < 1 s, and no long
// task (PerformanceObserver 'longtask') lasts ≥ 100 ms while opening or while scrolling all of it.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bigLine } from '../tests/fixtures/fake-anthropic/scenarios-big';
import { startFakeAnthropic, type FakeAnthropic } from '../tests/fixtures/fake-anthropic/server';
import { launchBrowser, openPanel } from '../tests/support/browser';
import { tempDir } from '../tests/support/claude-env';
import { startServe, type ServeProcess } from '../tests/support/serve-process';
import {
  ensureBuilt,
  OBSERVE_LONG_TASKS,
  reportUnder as report,
  takeLongTasks,
} from './panel-support';
import { LONG_ANSWER_LINES, LONG_ANSWER_RUN_ID, seedLongAnswer } from './long-answer-seed';

const LINES = LONG_ANSWER_LINES;
const RUN_ID = LONG_ANSWER_RUN_ID;

let fake: FakeAnthropic;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  const dataDir = tempDir('bench-data');
  seedLongAnswer(dataDir);
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser.close();
  await serve.stop();
  await fake.close();
});

describe('a 20,000-line answer in the panel', () => {
  it('opens, and scrolls from top to bottom shown all', async () => {
    const { page, context } = await openPanel(browser, serve, { path: '/runs' });
    await context.addInitScript(OBSERVE_LONG_TASKS);
    const opens: number[] = [];
    let openLongest = 0;
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await page.goto(`${serve.url}/runs/${RUN_ID}`);
      await page.getByText(bigLine(1, LINES)).waitFor({ timeout: 60_000 });
      await page.getByText(bigLine(LINES, LINES)).waitFor({ timeout: 60_000 });
      opens.push(Date.now() - started);
      openLongest = Math.max(openLongest, ...(await takeLongTasks(page)), 0);
    }
    opens.sort((a, b) => a - b);
    report(
      'open the 20,000-line run (median of 3, to first and last lines drawn)',
      opens[1] ?? 0,
      1_000,
    );
    report('longest long task while opening', openLongest, 100);

    await page.getByRole('button', { name: 'Show all 20,000 lines' }).click();
    await page.getByRole('button', { name: 'Fold' }).waitFor();
    await takeLongTasks(page);
    const transcript = page.getByRole('log', { name: 'Transcript' });
    await transcript.hover();
    const started = Date.now();
    for (let step = 0; step < 200; step++) {
      await page.mouse.wheel(0, 4_000);
      await page.waitForTimeout(16);
    }
    const scrolled = await transcript.evaluate(
      (el: { scrollTop: number; scrollHeight: number }) => el.scrollTop / el.scrollHeight,
    );
    const scrollLongest = Math.max(0, ...(await takeLongTasks(page)));
    console.log(
      `[bench] scrolled ${(scrolled * 100).toFixed(0)}% of the answer in ${Date.now() - started} ms`,
    );
    report('longest long task while scrolling the whole answer', scrollLongest, 100);
    const nodes = await page.locator('*').count();
    console.log(`[bench] DOM nodes while shown all: ${nodes}`);
  });
});
