// Export at size through the real engine: a 50,000-event conversation (two turns) streams to a
// file while the heap stays flat, the local API writes the same export to a new file and serves
// it as a download, and the HTML file opens in Chromium with the network cut and loads nothing.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createWriteStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportService } from '../../src/main/engine/export/export-service';
import type { EventDraft } from '../../src/main/engine/runs/transcript-normalizer';
import { Store } from '../../src/main/engine/store';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { launchBrowser } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { newRun, taskRecord } from '../support/records';
import { startServe, type ServeProcess } from '../support/serve-process';

const PER_RUN = 25_000;
const OUTPUT = 'x'.repeat(2_000);

function seed(dataDir: string): void {
  const store = Store.open(dataDir);
  store.tasks.insert(taskRecord({ id: 'task_big', title: 'Big conversation' }));
  for (const [turn, runId] of ['run_big1', 'run_big2'].entries()) {
    store.runs.insert(
      newRun({ id: runId, taskId: 'task_big', sessionId: 'session-big', createdAt: turn * 1_000 }),
    );
    store.transaction(() => {
      const add = (draft: EventDraft) => store.runs.appendEvent({ runId, ts: turn, ...draft });
      add({ type: 'prompt', text: `Turn ${turn + 1}: go through every file`, files: [] });
      for (let i = 1; i < PER_RUN; i += 3) {
        add({ type: 'text', blockId: `m${i}`, text: `Step ${i}: reading part ${i}.` });
        add({ type: 'tool_use', toolUseId: `t${i}`, name: 'Bash', input: { command: `cat ${i}` } });
        add({ type: 'tool_result', toolUseId: `t${i}`, content: `${i} ${OUTPUT}`, isError: false });
      }
    });
    store.runs.update(runId, { status: 'succeeded', endedAt: turn * 1_000 + 500 });
  }
  store.close();
}

let dataDir: string;
let fake: FakeAnthropic;
let serve: ServeProcess;

beforeAll(async () => {
  dataDir = tempDir('data-export');
  seed(dataDir);
  fake = await startFakeAnthropic();
  serve = await startServe({ fakeUrl: fake.url, dataDir });
}, 120_000);

afterAll(async () => {
  await serve.stop();
  await fake.close();
});

describe('export of a 50,000-event conversation', () => {
  it('streams to a file with a flat heap', async () => {
    // In this process, to read its heap; SQLite lets it read beside the serve process.
    const readStore = Store.open(dataDir);
    const service = new ExportService({
      store: readStore,
      clock: Date.now,
      secrets: async () => ({}),
    });
    const path = join(tempDir('export-out'), 'big.html');
    const file = createWriteStream(path);
    const heap: number[] = [];
    let writes = 0;
    const sampled = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _encoding, done) {
        if (++writes % 2_000 === 0) heap.push(process.memoryUsage().heapUsed);
        if (file.write(chunk)) done();
        else file.once('drain', () => done());
      },
    });
    const counts = await service.write(
      { runId: 'run_big2', scope: 'thread', format: 'html' },
      sampled,
    );
    await new Promise<void>((resolve) => file.end(resolve));
    readStore.close();
    expect(counts).toEqual({ events: 2 * PER_RUN, runs: 2 });
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(30 * 1024 * 1024);
    const early = Math.min(...heap.slice(0, 3));
    const peak = Math.max(...heap);
    // Holding the transcript would grow the heap by the file's size (over 30 MB); it stays within
    // a few MB of where it started, whatever the garbage collector's timing.
    expect(peak - early).toBeLessThan(16 * 1024 * 1024);
  });

  it('is written by the local API to a new file, downloads, and opens offline in Chromium', async () => {
    const path = join(tempDir('export-api'), 'conversation.html');
    const result = await serve.call('runs.export', {
      runId: 'run_big1',
      scope: 'thread',
      format: 'html',
      path,
    });
    expect(result).toMatchObject({ path, events: 2 * PER_RUN, runs: 2 });
    expect(statSync(path).size).toBe(result.bytes);
    const again = await serve.request('/rpc/runs.export', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.token}` },
      body: JSON.stringify({ runId: 'run_big1', format: 'json', path }),
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('left as it is');
    expect(statSync(path).size).toBe(result.bytes);

    const download = await serve.request('/export/run_big1?format=markdown&scope=run', {
      headers: { authorization: `Bearer ${serve.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Big-conversation-run_big1\.md"$/,
    );
    const markdown = await download.text();
    expect(markdown.startsWith('# Big conversation')).toBe(true);
    expect(markdown).not.toContain('## Turn 2');
    const refused = await fetch(`${serve.url}/export/run_big1?format=markdown`);
    expect(refused.status).toBe(401);

    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${path}`, { timeout: 120_000 });
      expect(await page.title()).toBe('Big conversation');
      expect(await page.locator('section.turn').count()).toBe(2);
      expect(await page.locator('details.tool').count()).toBe(2 * 8_333);
      // Folded: a tool's output is in the page but not shown until opened.
      const firstTool = page.locator('details.tool').first();
      expect(await firstTool.locator('pre').last().isVisible()).toBe(false);
      await firstTool.locator('summary').click();
      expect(await firstTool.locator('pre').last().isVisible()).toBe(true);
      expect(requests).toEqual([`file://${path}`]);
      await context.close();
    } finally {
      await browser.close();
    }
  }, 180_000);
});
