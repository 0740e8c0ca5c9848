// A 50,000-event transcript opens quickly at its end, keeps only the rows near the viewport in
// the page, and stays where the person scrolls (a finished run offers no "Jump to latest": that
// is for live runs, tested in transcript-cards.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/main/engine/store';
import type { EventDraft } from '../../src/main/engine/runs/transcript-normalizer';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { launchBrowser, openPanel, screenshot } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { newRun, taskRecord } from '../support/records';
import { startServe, type ServeProcess } from '../support/serve-process';
import type { Browser } from 'playwright-core';

const EVENT_COUNT = 50_000;
const RUN_ID = 'run_long';

/** A busy session: per step some text, a Bash call with its output, and now and then thinking. */
function eventAt(index: number): EventDraft {
  const step = Math.floor(index / 6);
  switch (index % 6) {
    case 0:
      return { type: 'text', blockId: `m${step}:0`, text: `Step ${step}: ` };
    case 1:
      return { type: 'text', blockId: `m${step}:0`, text: 'looking at the **next** file.' };
    case 2:
      return {
        type: 'tool_use',
        toolUseId: `tu${step}`,
        name: 'Bash',
        input: { command: `wc -l file-${step}.txt` },
      };
    case 3:
      return {
        type: 'tool_result',
        toolUseId: `tu${step}`,
        content: `${step} file-${step}.txt\n`.repeat(3),
        isError: false,
      };
    case 4:
      return { type: 'thinking', blockId: `m${step}:1`, text: `Thinking about step ${step}.` };
    default:
      return { type: 'text', blockId: `m${step}:2`, text: `Done with step ${step}.` };
  }
}

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
      store.runs.appendEvent({ runId: RUN_ID, ts: now, ...eventAt(i) });
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

let fake: FakeAnthropic;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  const dataDir = tempDir('data-long');
  seedLongRun(dataDir, tempDir('work-long'));
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await serve.stop();
  await fake.close();
});

describe('a 50,000-event transcript', () => {
  it('opens at the end, stays virtual, and follows only until the person scrolls up', async () => {
    // runs.events answers in pages: walk them all to see every event was stored.
    let stored = 0;
    for (let afterSeq = 0; ;) {
      const page = await serve.call('runs.events', { runId: RUN_ID, afterSeq });
      if (page.length === 0) break;
      stored += page.length;
      afterSeq = page[page.length - 1]?.seq ?? afterSeq;
    }
    expect(stored).toBe(EVENT_COUNT);

    const { page } = await openPanel(browser, serve);
    const started = Date.now();
    await page.goto(`${serve.url}/runs/${RUN_ID}`);
    const lastLine = page.locator('.entry-text', { hasText: 'The very last line.' });
    await lastLine.waitFor({ timeout: 30_000 });
    const openedInMs = Date.now() - started;
    expect(openedInMs).toBeLessThan(15_000);
    await page.getByText(/^Finished · 8000 turns/).waitFor();

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
  });
});
