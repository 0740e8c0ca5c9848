// A 50,000-event transcript opens quickly at its end (loading only its last page), keeps only the
// rows near the viewport in the page, stays where the person scrolls (a finished run offers no
// "Jump to latest": that is for live runs, tested in transcript-cards.test.ts), and scrolling to
// the top loads the earlier pages down to the prompt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/main/engine/store';
import { screenshot } from '../support/browser';
import { busySessionEvent } from '../support/busy-session';
import { startStack, type Stack } from './stack';
import { tempDir } from '../support/claude-env';
import { newRun, taskRecord } from '../support/records';

const EVENT_COUNT = 50_000;
const RUN_ID = 'run_long';

function seedLongRun(dataDir: string, cwd: string): void {
  const store = Store.open(dataDir);
  const now = Date.now();
  store.tasks.insert(
    taskRecord({
      id: 'task_long',
      title: 'A very long session',
      cwd,
      createdAt: now,
      updatedAt: now,
    }),
  );
  store.runs.insert(newRun({ id: RUN_ID, taskId: 'task_long', createdAt: now - 60_000 }));
  store.transaction(() => {
    store.runs.appendEvent({
      runId: RUN_ID,
      ts: now,
      type: 'prompt',
      text: 'Go through every file.',
      files: [],
    });
    for (let i = 0; i < EVENT_COUNT - 3; i++)
      store.runs.appendEvent({ runId: RUN_ID, ts: now, ...busySessionEvent(i) });
    store.runs.appendEvent({
      runId: RUN_ID,
      ts: now,
      type: 'text',
      blockId: 'last:0',
      text: 'The very last line.',
    });
    store.runs.appendEvent({
      runId: RUN_ID,
      ts: now,
      type: 'result',
      subtype: 'success',
      isError: false,
      result: 'The very last line.',
      costUsd: 12.5,
      numTurns: 8_000,
      durationMs: 3_600_000,
    });
  });
  store.runs.update(RUN_ID, {
    status: 'succeeded',
    startedAt: now - 60_000,
    endedAt: now,
    numTurns: 8_000,
  });
  store.close();
}

let stack: Stack;

beforeAll(async () => {
  const dataDir = tempDir('data-long');
  seedLongRun(dataDir, tempDir('work-long'));
  stack = await startStack({ dataDir });
});

afterAll(() => stack.stop());

describe('a 50,000-event transcript', () => {
  it('opens at the end, stays virtual, and follows only until the person scrolls up', async () => {
    // runs.events answers in pages: walk them all to see every event was stored.
    let stored = 0;
    for (let afterSeq = 0; ;) {
      const page = await stack.serve.call('runs.events', { runId: RUN_ID, afterSeq });
      if (page.length === 0) break;
      stored += page.length;
      afterSeq = page[page.length - 1]?.seq ?? afterSeq;
    }
    expect(stored).toBe(EVENT_COUNT);

    const { page } = await stack.open();
    const started = Date.now();
    await page.goto(`${stack.serve.url}/runs/${RUN_ID}`);
    const lastLine = page.locator('.entry-text', { hasText: 'The very last line.' });
    await lastLine.waitFor({ timeout: 30_000 });
    const openedInMs = Date.now() - started;
    expect(openedInMs).toBeLessThan(15_000);
    await page.getByText(/^Finished · 8000 steps/).waitFor();

    const rows = page.locator('.transcript-row');
    expect(await rows.count()).toBeLessThan(80);
    await screenshot(page, 'run-long-transcript');

    // Scrolling up (a person's wheel) leaves the end behind.
    const transcript = page.getByRole('log', { name: 'Transcript' });
    await transcript.hover();
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -2_000);
    await lastLine.waitFor({ state: 'hidden' });
    expect(await page.locator('.jump-latest').count()).toBe(0);
    expect(await rows.count()).toBeLessThan(80);
    await screenshot(page, 'run-long-transcript-scrolled');

    // Far from the end, the rows drawn are the ones there, measured in place.
    await transcript.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
    await page
      .locator('.tool-card .tool-summary', { hasText: /wc -l file-\d+\.txt/ })
      .first()
      .waitFor();
    expect(await rows.count()).toBeLessThan(80);

    // Back at the bottom, the list follows again and shows the end.
    await transcript.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await lastLine.waitFor();

    // It opened with the end only; going up to the top loads the earlier pages, down to the prompt.
    const prompt = page.locator('.entry-prompt', { hasText: 'Go through every file.' });
    expect(await prompt.count()).toBe(0);
    // Five pages of 10,000 events; a loaded machine takes a while over each.
    for (const until = Date.now() + 90_000; Date.now() < until && (await prompt.count()) === 0;) {
      await transcript.evaluate((element) => (element.scrollTop = 0));
      await page.waitForTimeout(200);
    }
    await prompt.waitFor();
    expect(await rows.count()).toBeLessThan(80);
    await page.getByText('Step 0: looking at the next file.').waitFor();
  }, 240_000);
});
