// 5. The panel in Chromium against the built `serve`, with the store at scale (scale-store.ts:
// 100,000 runs, a busy 50,000-event run) and a run whose one answer is 20,000 lines. Figures: time
// from navigation to the first rows drawn (Home, the 50,000-event run, the long answer), what was
// fetched before them, DOM nodes, and the longest long task while opening, scrolling and jumping.
// Targets (printed, never asserted): under 500 ms to first rows, bounded nodes, no long task
// over 50 ms.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startFakeAnthropic, type FakeAnthropic } from '../tests/fixtures/fake-anthropic/server';
import { launchBrowser, openPanel } from '../tests/support/browser';
import { tempDir } from '../tests/support/claude-env';
import { startServe, type ServeProcess } from '../tests/support/serve-process';
import { LONG_ANSWER_LINES, LONG_ANSWER_RUN_ID, seedLongAnswer } from './long-answer-seed';
import { ensureBuilt, OBSERVE_LONG_TASKS, reportUnder, takeLongTasks } from './panel-support';
import { BIG_RUN_ID, generateScaleStore, SCALE } from './scale-store';
import { median } from './support';

const FIRST_ROWS_MS = 500;
const LONG_TASK_MS = 50;
/** "Bounded": what a screenful of rows plus the page around them takes, whatever the data. */
const NODES = 2_000;
const OPENS = 3;

/**
 * An init script: the first frame after rows appear (Home's run tables, or transcript rows) is
 * stamped in window.__firstRows (ms since navigation), with the bytes the API answered before it.
 */
const STAMP_FIRST_ROWS = `
  window.__firstRows = null;
  const rowsSelector = 'table.run-table tbody tr, .transcript-row';
  const rowsObserver = new MutationObserver(() => {
    if (!document.querySelector(rowsSelector)) return;
    rowsObserver.disconnect();
    requestAnimationFrame(() => {
      const at = performance.now();
      const bytes = performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/rpc/') && e.responseEnd <= at)
        .reduce((sum, e) => sum + e.encodedBodySize, 0);
      window.__firstRows = { at, bytes };
    });
  });
  rowsObserver.observe(document, { childList: true, subtree: true });
`;

interface FirstRows {
  at: number;
  bytes: number;
}

let fake: FakeAnthropic;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  ensureBuilt();
  const dataDir = tempDir('bench-panel');
  const started = performance.now();
  generateScaleStore(dataDir, Date.now());
  seedLongAnswer(dataDir);
  console.log(
    `[bench] panel: generated ${SCALE.runs} runs and ${SCALE.events} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir });
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser.close();
  await serve.stop();
  await fake.close();
});

const domNodes = (page: Page): Promise<number> =>
  page.evaluate(() => {
    const doc = (
      globalThis as unknown as { document: { getElementsByTagName(n: string): { length: number } } }
    ).document;
    return doc.getElementsByTagName('*').length;
  });

/** Opens `path` OPENS times; the median time to first rows, and the rest as seen at the median. */
async function open(page: Page, path: string): Promise<FirstRows & { longest: number }> {
  const seen: (FirstRows & { longest: number })[] = [];
  for (let i = 0; i < OPENS; i++) {
    await page.goto(`${serve.url}${path}`);
    const handle = await page.waitForFunction(
      () => (globalThis as unknown as { __firstRows: FirstRows | null }).__firstRows,
      undefined,
      { timeout: 120_000 },
    );
    const first = (await handle.jsonValue()) as FirstRows;
    // Whatever runs right after the first rows (the rest of the load) counts as opening too.
    await page.waitForTimeout(1_000);
    seen.push({ ...first, longest: Math.max(0, ...(await takeLongTasks(page))) });
  }
  const middle = median(seen.map((s) => s.at));
  return seen.find((s) => s.at === middle) ?? { at: middle, bytes: 0, longest: 0 };
}

function reportOpen(what: string, figures: FirstRows & { longest: number }): void {
  reportUnder(`${what}: to first rows (median of ${OPENS})`, figures.at, FIRST_ROWS_MS);
  console.log(`[bench] ${what}: API answers before first rows: ${kb(figures.bytes)}`);
  reportUnder(`${what}: longest long task while opening`, figures.longest, LONG_TASK_MS);
}

/** Wheel up through `steps` screens, then jump: to the top, the middle, the end, and back. */
async function scrollAndJump(
  page: Page,
  steps: number,
): Promise<{ longest: number; nodes: number }> {
  const transcript = page.getByRole('log', { name: 'Transcript' });
  await transcript.hover();
  await takeLongTasks(page);
  let nodes = 0;
  for (let step = 0; step < steps; step++) {
    await page.mouse.wheel(0, -2_000);
    await page.waitForTimeout(16);
    if (step % 20 === 0) nodes = Math.max(nodes, await domNodes(page));
  }
  for (const fraction of [0, 0.5, 0.1, 0.9, 0.3, 1, 0]) {
    await transcript.evaluate((el: { scrollTop: number; scrollHeight: number }, f: number) => {
      el.scrollTop = el.scrollHeight * f;
    }, fraction);
    await page.waitForTimeout(300);
    nodes = Math.max(nodes, await domNodes(page));
  }
  await transcript.focus();
  for (const key of ['End', 'Home', 'End']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(300);
    nodes = Math.max(nodes, await domNodes(page));
  }
  return { longest: Math.max(0, ...(await takeLongTasks(page))), nodes };
}

function kb(bytes: number): string {
  return bytes > 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${(bytes / 1024).toFixed(0)} KB`;
}

describe('the panel with the store at scale', () => {
  it('opens Home, a 50,000-event run and a 20,000-line answer, and scrolls them', async () => {
    const { page, context } = await openPanel(browser, serve, { path: '/settings' });
    await context.addInitScript(OBSERVE_LONG_TASKS);
    await context.addInitScript(STAMP_FIRST_ROWS);

    reportOpen('Home', await open(page, '/'));
    reportUnder('Home: DOM nodes', await domNodes(page), NODES, 'nodes');

    reportOpen('50,000-event run', await open(page, `/runs/${BIG_RUN_ID}`));
    reportUnder('50,000-event run: DOM nodes after opening', await domNodes(page), NODES, 'nodes');
    const busy = await scrollAndJump(page, 150);
    reportUnder(
      '50,000-event run: longest long task scrolling and jumping',
      busy.longest,
      LONG_TASK_MS,
    );
    reportUnder(
      '50,000-event run: most DOM nodes scrolling and jumping',
      busy.nodes,
      NODES,
      'nodes',
    );

    reportOpen(
      `${LONG_ANSWER_LINES.toLocaleString('en')}-line answer`,
      await open(page, `/runs/${LONG_ANSWER_RUN_ID}`),
    );
    await page.getByRole('button', { name: /^Show all/ }).click();
    await page.getByRole('button', { name: 'Fold' }).waitFor();
    const long = await scrollAndJump(page, 100);
    reportUnder(
      '20,000-line answer shown all: longest long task scrolling and jumping',
      long.longest,
      LONG_TASK_MS,
    );
    reportUnder('20,000-line answer shown all: most DOM nodes', long.nodes, NODES, 'nodes');
  });
});
