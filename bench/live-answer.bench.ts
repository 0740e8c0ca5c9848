// A 20,000-line answer (~2 MB) arriving live from the real Claude Code binary, watched in Chromium
// against the built `serve`, then found in with Ctrl+F. Targets (printed, not asserted): no long
// task (PerformanceObserver 'longtask') of 50 ms or more while it arrives, nor while find searches
// it for a word in its last line and for one on every line.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { bigLine } from '../tests/fixtures/fake-anthropic/scenarios-big';
import { startFakeAnthropic, type FakeAnthropic } from '../tests/fixtures/fake-anthropic/server';
import { launchBrowser, openPanel } from '../tests/support/browser';
import { tempDir } from '../tests/support/claude-env';
import { startServe, untilRunStatus, type ServeProcess } from '../tests/support/serve-process';
import {
  ensureBuilt,
  OBSERVE_LONG_TASKS,
  reportUnder as report,
  takeLongTasks,
} from './panel-support';

const LINES = 20_000;
const TARGET_MS = 50;

let fake: FakeAnthropic;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir: tempDir('bench-live') });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser.close();
  await serve.stop();
  await fake.close();
});

describe('a 20,000-line answer arriving live', () => {
  it('arrives and is found in without a long task', async () => {
    const task = await serve.call('tasks.create', {
      title: 'Dump the whole log',
      prompt: `Print the log. [scenario:bigtext lines=${LINES}]`,
      cwd: tempDir('bench-live-work'),
    });
    const { page, context } = await openPanel(browser, serve, { path: '/runs' });
    await context.addInitScript(OBSERVE_LONG_TASKS);
    const run = await serve.call('tasks.run', { taskId: task.id });
    // On the run page before a word of the answer exists: everything after arrives live.
    await page.goto(`${serve.url}/runs/${run.id}`);
    await page
      .getByText('Nothing in the transcript yet.')
      .or(page.getByRole('log'))
      .first()
      .waitFor();
    await takeLongTasks(page);
    const started = Date.now();
    await page.getByText(bigLine(LINES, LINES)).waitFor({ timeout: 240_000 });
    const arrived = Date.now() - started;
    await untilRunStatus(serve, run.id, ['succeeded'], 60_000);
    const arrivalTasks = await takeLongTasks(page);
    console.log(
      `[bench] the answer arrived in ${arrived} ms (from the run page opening to its last line drawn); long tasks: ${arrivalTasks.length}`,
    );
    report(
      'longest long task while the answer arrives live',
      Math.max(0, ...arrivalTasks),
      TARGET_MS,
    );

    for (const [what, word, count] of [
      ['a word in its last line', 'LAST-LINE', '1 of 1'],
      ['a word on every line', 'xxxxxxxxxx', null],
    ] as const) {
      await page.keyboard.press('Control+f');
      const input = page.getByRole('searchbox', { name: 'Find in transcript' });
      await input.waitFor();
      await takeLongTasks(page);
      const findStarted = Date.now();
      await input.fill(word);
      const status = page.getByTestId('find-count');
      if (count) await status.getByText(count, { exact: true }).waitFor({ timeout: 60_000 });
      else await status.getByText(/ of \d/).waitFor({ timeout: 60_000 });
      const found = Date.now() - findStarted;
      const findTasks = await takeLongTasks(page);
      console.log(`[bench] find ${what}: "${await status.innerText()}" in ${found} ms`);
      report(`longest long task while finding ${what}`, Math.max(0, ...findTasks), TARGET_MS);
      await page.keyboard.press('Escape');
    }
  }, 600_000);
});
