// Export from the panel: the run page's Export menu offers this run or the whole conversation in
// three formats, keyboard and mouse, and downloads what it names; the palette exports the run on
// screen too.
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDraft } from '../../src/main/engine/runs/transcript-normalizer';
import { Store } from '../../src/main/engine/store';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { launchBrowser, openPanel, screenshot } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { newRun, taskRecord } from '../support/records';
import { startServe, type ServeProcess } from '../support/serve-process';

function seed(dataDir: string): void {
  const store = Store.open(dataDir);
  const now = Date.now();
  store.tasks.insert(taskRecord({ id: 'task_ex', title: 'Release notes', createdAt: now }));
  for (const [turn, runId] of ['run_ex1', 'run_ex2'].entries()) {
    store.runs.insert(
      newRun({
        id: runId,
        taskId: 'task_ex',
        sessionId: 'session-ex',
        createdAt: now - 60_000 + turn,
      }),
    );
    const add = (draft: EventDraft) => store.runs.appendEvent({ runId, ts: now, ...draft });
    add({ type: 'prompt', text: turn ? 'Shorter, please' : 'Write the release notes', files: [] });
    add({ type: 'tool_use', toolUseId: `t${turn}`, name: 'Bash', input: { command: 'git log' } });
    add({
      type: 'tool_result',
      toolUseId: `t${turn}`,
      content: 'abc123 Fix parser',
      isError: false,
    });
    add({ type: 'text', blockId: `m${turn}`, text: `Notes, take ${turn + 1}.` });
    store.runs.update(runId, { status: 'succeeded', startedAt: now, endedAt: now + 1_000 });
  }
  store.close();
}

let fake: FakeAnthropic;
let serve: ServeProcess;
let browser: Browser;

beforeAll(async () => {
  const dataDir = tempDir('data-export-e2e');
  seed(dataDir);
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await serve.stop();
  await fake.close();
});

describe('export from the run page', () => {
  it('offers this run and the whole conversation, and downloads what was chosen', async () => {
    const { page } = await openPanel(browser, serve, { path: '/runs/run_ex2' });
    const button = page.getByRole('button', { name: 'Export ▾' });
    await button.click();
    const menu = page.getByRole('menu', { name: 'Export' });
    await menu.waitFor();
    await expect
      .poll(() =>
        menu
          .getByRole('group')
          .evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label'))),
      )
      .toEqual(['This run', 'Whole conversation (2 turns)']);
    await screenshot(page, 'export-menu');
    // The first item has the focus; Escape closes and gives it back to the button.
    await page.keyboard.press('Escape');
    expect(await menu.count()).toBe(0);
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    await menu.waitFor();
    const conversation = menu.getByRole('group', { name: 'Whole conversation (2 turns)' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      conversation.getByRole('menuitem', { name: 'HTML page (reads offline)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Release-notes-run_ex2-conversation.html');
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).toContain('Write the release notes');
    expect(html).toContain('Shorter, please');
    expect(html.match(/<details class="tool">/g)).toHaveLength(2);
  });

  it('exports the run on screen from the palette', async () => {
    const { page } = await openPanel(browser, serve, { path: '/runs/run_ex1?alone=1' });
    await page.getByRole('button', { name: 'Export ▾' }).waitFor();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('export this run as markdown');
    await expect
      .poll(() => palette.getByRole('option', { selected: true }).textContent())
      .toContain('Export this run as Markdown');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ]);
    expect(download.suggestedFilename()).toBe('Release-notes-run_ex1.md');
    const markdown = readFileSync(await download.path(), 'utf8');
    expect(markdown).toContain('Notes, take 1.');
    expect(markdown).not.toContain('Shorter, please');
  });
});
