// Search in the panel: /search finds a word from tool output across the history, each hit shows
// its run and the marked words, and opening a hit lands on that event in a long transcript with
// the word highlighted (the nearer of two matches is the current one); the palette leads there too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/main/engine/store';
import type { EventDraft } from '../../src/main/engine/runs/transcript-normalizer';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { launchBrowser, openPanel, screenshot } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { seedHistory } from '../support/search-seed';
import { startServe, type ServeProcess } from '../support/serve-process';

const NEEDLE = 'quokka42';
const LONG_RUN = 150;
const STEPS = 400;

/** Run LONG_RUN gets a long transcript with the needle in two tool outputs, far apart. */
function extra(index: number): EventDraft[] {
  if (index !== LONG_RUN) return [];
  const events: EventDraft[] = [];
  for (let step = 0; step < STEPS; step++) {
    const id = `long${step}`;
    events.push(
      { type: 'tool_use', toolUseId: id, name: 'Bash', input: { command: `cat part-${step}` } },
      {
        type: 'tool_result',
        toolUseId: id,
        content:
          step === 20 || step === 300 ? `part ${step}\nfound ${NEEDLE} here\nend` : `part ${step}`,
        isError: false,
      },
    );
  }
  return events;
}

let fake: FakeAnthropic;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  const dataDir = tempDir('data-search-e2e');
  const store = Store.open(dataDir);
  seedHistory(store, { runs: 300, now: Date.now(), extra });
  store.close();
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser.close();
  await serve.stop();
  await fake.close();
});

async function currentHighlight(page: Page) {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('transcript-find-current');
    const range = highlight ? [...highlight][0] : undefined;
    const scroller = document.querySelector('.transcript-scroll');
    if (!(range instanceof Range) || !scroller) return null;
    const rect = range.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    return {
      text: range.toString(),
      inView: rect.height > 0 && rect.top >= view.top && rect.bottom <= view.bottom,
    };
  });
}

describe('search', () => {
  it('finds a word from tool output and opens the run at that event, highlighted', async () => {
    const { page } = await openPanel(browser, serve, { path: '/search' });
    const box = page.getByRole('searchbox', { name: 'Search every run' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(NEEDLE);
    const hits = page.getByRole('list', { name: 'Matches' }).getByRole('listitem');
    await expect.poll(() => hits.count()).toBe(2);
    await expect
      .poll(() => page.getByTestId('search-count').textContent())
      .toBe('2 matches, newest first');
    const older = hits.nth(1);
    expect(await older.textContent()).toContain('Nightly build');
    expect(await older.textContent()).toContain('Tool output');
    expect(await older.locator('mark').allTextContents()).toEqual([NEEDLE]);
    await screenshot(page, 'search-results');

    // The older of the two: the run opens there, not at the newer match nor at the end.
    await older.getByRole('link').click();
    await page.waitForURL(/\/runs\/run_000150\?event=\d+&find=quokka42/);
    await page.getByTestId('find-count').getByText('1 of 2', { exact: true }).waitFor();
    await page.waitForFunction(() => {
      const range = [...(CSS.highlights.get('transcript-find-current') ?? [])][0];
      const scroller = document.querySelector('.transcript-scroll');
      if (!(range instanceof Range) || !scroller) return false;
      const rect = range.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return rect.height > 0 && rect.top >= view.top && rect.bottom <= view.bottom;
    });
    const current = await currentHighlight(page);
    expect(current?.text).toBe(NEEDLE);
    // The card of the older match is the one open and drawn.
    expect(await page.locator('[data-tool-use-id="long20"]').count()).toBe(1);
    expect(await page.locator('[data-tool-use-id="long300"]').count()).toBe(0);
    await screenshot(page, 'search-opened-at-event');

    await page.goBack();
    await expect.poll(() => hits.count()).toBe(2);
    await hits.nth(0).getByRole('link').click();
    await page.getByTestId('find-count').getByText('2 of 2', { exact: true }).waitFor();
  });

  it('filters by status, and is reached from the palette', async () => {
    const { page } = await openPanel(browser, serve, { path: '/' });
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('checks passed');
    const item = palette.getByRole('option', { name: /Search everything for “checks passed”/ });
    await item.click();
    await page.waitForURL(/\/search\?q=checks\+passed/);
    const hits = page.getByRole('list', { name: 'Matches' }).getByRole('listitem');
    await expect.poll(() => hits.count()).toBe(50);
    await page.getByRole('button', { name: 'Show older matches' }).click();
    await expect.poll(() => hits.count()).toBeGreaterThan(50);

    await page.getByLabel('Status').selectOption('failed');
    await expect.poll(() => page.url()).toContain('status=failed');
    await expect.poll(async () => (await hits.allTextContents()).length).toBeGreaterThan(0);
    for (const text of await hits.allTextContents()) expect(text).toContain('Failed');
  });
});
