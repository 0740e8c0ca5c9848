// One 20,000-line answer (about 2 MB) from the real Claude Code binary: the run opens with its
// first and last lines in view, "Show all" draws only the chunks near the viewport, and the page
// holds a bounded number of DOM nodes throughout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bigLine } from '../fixtures/fake-anthropic/scenarios-big';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { createTask, startStack, waitForRunStatus, type Stack } from './stack';

const LINES = 20_000;
/** Far below one node per line: the page must not grow with the answer. */
const MAX_DOM_NODES = 3_000;

let stack: Stack;
let runId: string;

beforeAll(async () => {
  stack = await startStack();
  const taskId = await createTask(
    stack,
    'Dump the whole log',
    `Print the log. [scenario:bigtext lines=${LINES}]`,
  );
  runId = (await stack.serve.call('tasks.run', { taskId })).id;
  await waitFor(
    'the big run to finish',
    async () => (await stack.serve.call('runs.get', { runId })).status === 'succeeded',
    240_000,
  );
}, 300_000);

afterAll(async () => {
  await stack.stop();
});

const domNodes = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.getElementsByTagName('*').length);

describe('a 20,000-line answer', () => {
  it('opens folded to its first and last lines, with few DOM nodes', async () => {
    const { page } = await stack.open({ path: `/runs/${runId}` });
    await waitForRunStatus(page, 'succeeded');
    const answer = page.locator('.long-text');
    await answer.getByText(bigLine(1, LINES)).waitFor();
    await answer.getByText(bigLine(LINES, LINES)).waitFor();
    await expect(answer.locator('.long-text-size').textContent()).resolves.toContain(
      '20,000 lines',
    );
    expect(await domNodes(page)).toBeLessThan(MAX_DOM_NODES);
    // The middle is not in the page while folded.
    expect(await page.getByText(bigLine(10_000, LINES)).count()).toBe(0);
    await screenshot(page, 'run-long-answer-folded');
  });

  it('shows all lines chunk by chunk, drawing only what is near the viewport', async () => {
    const { page } = await stack.open({ path: `/runs/${runId}` });
    await page.getByRole('button', { name: 'Show all 20,000 lines' }).click();
    await page.getByRole('button', { name: 'Fold' }).waitFor();
    const transcript = page.getByRole('log', { name: 'Transcript' });
    expect(await page.locator('.long-text-chunk').count()).toBeLessThan(30);
    expect(await domNodes(page)).toBeLessThan(MAX_DOM_NODES);

    // The middle, then the very end, each drawn when scrolled to.
    await transcript.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
    await page
      .locator('.long-text-chunk', { hasText: /\|line\|/ })
      .first()
      .waitFor();
    await transcript.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await page.locator('.long-text-chunk', { hasText: bigLine(LINES, LINES) }).waitFor();
    await page.waitForTimeout(300);
    await transcript.evaluate((element) => (element.scrollTop = element.scrollHeight));
    await page.getByText(bigLine(LINES, LINES)).first().waitFor();
    expect(await page.locator('.long-text-chunk').count()).toBeLessThan(30);
    expect(await domNodes(page)).toBeLessThan(MAX_DOM_NODES);
    await screenshot(page, 'run-long-answer-end');
  });

  it('copies the whole answer', async () => {
    const { page, context } = await stack.open({ path: `/runs/${runId}` });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: stack.serve.url,
    });
    await page.getByRole('button', { name: 'Copy all' }).click();
    await page.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')).toHaveLength(LINES);
    expect(copied.endsWith(bigLine(LINES, LINES))).toBe(true);
  });
});
