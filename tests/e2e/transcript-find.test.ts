// Find in a long, virtualised transcript: Ctrl+F finds a word in a tool output scrolled out of the
// page (its card folded), in folded thinking and in the middle of a folded long answer; Enter and
// Shift+Enter step through them, each scrolled into view and highlighted; Escape gives focus back.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/main/engine/store';
import type { EventDraft } from '../../src/main/engine/runs/transcript-normalizer';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { launchBrowser, openPanel, screenshot } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { newRun, taskRecord } from '../support/records';
import { startServe, type ServeProcess } from '../support/serve-process';

const RUN_ID = 'run_find';
const STEPS = 1_500;
const NEEDLE = 'needle-7Q';

function stepEvents(step: number): EventDraft[] {
  const events: EventDraft[] = [
    { type: 'text', blockId: `m${step}:0`, text: `Step ${step}: looking at file-${step}.txt.` },
    {
      type: 'tool_use',
      toolUseId: `tu${step}`,
      name: 'Bash',
      input: { command: `cat file-${step}.txt` },
    },
    {
      type: 'tool_result',
      toolUseId: `tu${step}`,
      content: step === 3 ? `alpha\nbeta ${NEEDLE} gamma\ndelta` : `alpha\nbeta\ngamma`,
      isError: false,
    },
  ];
  if (step === 700)
    events.push({ type: 'thinking', blockId: `m${step}:1`, text: `Thinking: is ${NEEDLE} here?` });
  return events;
}

/** 600 lines, the needle on line 300: folded, only its first and last lines are drawn. */
const LONG_ANSWER = Array.from({ length: 600 }, (_, i) =>
  i === 299
    ? `line ${i + 1} holds the ${NEEDLE.toUpperCase()} word`
    : `line ${i + 1} of the report`,
).join('\n');

function seed(dataDir: string, cwd: string): void {
  const store = Store.open(dataDir);
  const now = Date.now();
  store.tasks.insert(
    taskRecord({ id: 'task_find', title: 'Find things', cwd, createdAt: now, updatedAt: now }),
  );
  store.runs.insert(newRun({ id: RUN_ID, taskId: 'task_find', createdAt: now - 60_000 }));
  store.transaction(() => {
    const add = (draft: EventDraft) => store.runs.appendEvent({ runId: RUN_ID, ts: now, ...draft });
    add({ type: 'prompt', text: 'Read every file.', files: [] });
    for (let step = 0; step < STEPS; step++) for (const event of stepEvents(step)) add(event);
    add({ type: 'text', blockId: 'report:0', text: LONG_ANSWER });
    add({ type: 'text', blockId: 'last:0', text: 'The very last line.' });
    add({
      type: 'result',
      subtype: 'success',
      isError: false,
      result: 'The very last line.',
      costUsd: 0.5,
      numTurns: STEPS,
      durationMs: 60_000,
    });
  });
  store.runs.update(RUN_ID, {
    status: 'succeeded',
    startedAt: now - 60_000,
    endedAt: now,
    numTurns: STEPS,
  });
  store.close();
}

let fake: FakeAnthropic;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  const dataDir = tempDir('data-find');
  seed(dataDir, tempDir('work-find'));
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await serve.stop();
  await fake.close();
});

/** The current match as highlighted: its text, and whether it is inside the visible list. */
function currentMatch(page: Page) {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('transcript-find-current');
    const range = highlight ? [...highlight][0] : undefined;
    const scroller = document.querySelector('.transcript-scroll');
    if (!(range instanceof Range) || !scroller) return null;
    const rect = range.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    const all = CSS.highlights.get('transcript-find')?.size ?? 0;
    return {
      text: range.toString(),
      inView: rect.height > 0 && rect.top >= view.top && rect.bottom <= view.bottom,
      highlighted: all,
    };
  });
}

async function expectCurrent(page: Page, position: string, text = NEEDLE): Promise<void> {
  await page.getByTestId('find-count').getByText(position, { exact: true }).waitFor();
  await page.waitForFunction(() => {
    const highlight = CSS.highlights.get('transcript-find-current');
    const range = highlight ? [...highlight][0] : undefined;
    const scroller = document.querySelector('.transcript-scroll');
    if (!(range instanceof Range) || !scroller) return false;
    const rect = range.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    return rect.height > 0 && rect.top >= view.top && rect.bottom <= view.bottom;
  });
  const match = await currentMatch(page);
  expect(match?.text.toLowerCase()).toBe(text.toLowerCase());
  expect(match?.inView).toBe(true);
  expect(await page.locator('.transcript-row').count()).toBeLessThan(80);
}

describe('find in transcript', () => {
  it('finds matches anywhere in a virtualised transcript and steps through them', async () => {
    const { page } = await openPanel(browser, serve, { path: `/runs/${RUN_ID}` });
    await page
      .locator('.entry-text', { hasText: 'The very last line.' })
      .waitFor({ timeout: 30_000 });
    // The first match's card is far above, out of the page; the long answer is folded.
    expect(await page.locator('[data-tool-use-id="tu3"]').count()).toBe(0);
    expect(await page.getByText(`holds the ${NEEDLE.toUpperCase()}`).count()).toBe(0);

    const transcript = page.getByRole('log', { name: 'Transcript' });
    await transcript.focus();
    await page.keyboard.press('Control+f');
    const input = page.getByRole('searchbox', { name: 'Find in transcript' });
    await input.waitFor();
    expect(await input.evaluate((element) => element === document.activeElement)).toBe(true);
    await input.fill(NEEDLE);

    // 1: the output of step 3's command, its card opened to show it.
    await expectCurrent(page, '1 of 3');
    const card = page.locator('[data-tool-use-id="tu3"]');
    expect(await card.locator('button.tool-head').getAttribute('aria-expanded')).toBe('true');
    await screenshot(page, 'run-find-tool-output');

    // 2: in the thinking of step 700, opened.
    await input.press('Enter');
    await expectCurrent(page, '2 of 3');
    expect(await page.locator('details.entry-thinking[open]').count()).toBeGreaterThan(0);

    // 3: line 300 of the folded long answer, now shown in full.
    await input.press('Enter');
    await expectCurrent(page, '3 of 3');
    await page.getByText(`line 300 holds the ${NEEDLE.toUpperCase()} word`).waitFor();
    await screenshot(page, 'run-find-long-answer');

    // Past the last, back to the first; Shift+Enter and the buttons go the other way.
    await input.press('Enter');
    await expectCurrent(page, '1 of 3');
    await input.press('Shift+Enter');
    await expectCurrent(page, '3 of 3');
    await page.getByRole('button', { name: 'Previous match' }).click();
    await expectCurrent(page, '2 of 3');
    await page.getByRole('button', { name: 'Next match' }).click();
    await expectCurrent(page, '3 of 3');

    await input.fill('no such words anywhere');
    await page.getByTestId('find-count').getByText('No matches').waitFor();

    // Escape closes the bar, clears the marks and gives the focus back to the transcript.
    await input.press('Escape');
    await input.waitFor({ state: 'detached' });
    expect(await transcript.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.evaluate(() => CSS.highlights.size)).toBe(0);
  });

  it('counts every match, drawn or not, and marks the ones drawn', async () => {
    const { page } = await openPanel(browser, serve, {
      path: `/runs/${RUN_ID}`,
      colorScheme: 'dark',
      width: 900,
    });
    await page
      .locator('.entry-text', { hasText: 'The very last line.' })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Find…' }).click();
    const input = page.getByRole('searchbox', { name: 'Find in transcript' });
    // "file-14" is in step 14's text and command, and in steps 140–149's and 1400–1499's.
    await input.fill('file-14');
    const expected = 2 * (1 + 10 + 100);
    // The count shows first; the current match is marked once its row is drawn in view.
    await expectCurrent(page, `1 of ${expected}`, 'file-14');
    expect((await currentMatch(page))?.highlighted).toBeGreaterThan(1);
    await screenshot(page, 'run-find-dark-900');
  });
});
