// Exports against a real store: each format holds the prompt, the answer, tool calls folded with
// their output, the run's turns in order; outside text cannot break out of its place; stored
// secrets are redacted; an export never overwrites a file and leaves none when it fails.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ExportService } from '../../../../src/main/engine/export/export-service';
import type { Store } from '../../../../src/main/engine/store';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';
import { openStore } from '../../../support/store-fixtures';

const SECRET = 'sk-live-0123456789';

function seedThread(store: Store): void {
  store.tasks.insert(taskRecord({ id: 'task_x', title: 'Fix <the> build' }));
  for (const [index, id] of ['run_1', 'run_2'].entries()) {
    store.runs.insert(newRun({ id, taskId: 'task_x', sessionId: 's-1', createdAt: index * 1_000 }));
    const add = (draft: Record<string, unknown>) =>
      store.runs.appendEvent({ runId: id, ts: index, ...draft } as Parameters<
        Store['runs']['appendEvent']
      >[0]);
    add({ type: 'prompt', text: index ? 'Now the docs' : 'Fix the build', files: [] });
    add({ type: 'text', blockId: 'a', text: 'Running ' });
    add({ type: 'text', blockId: 'a', text: 'the tests.' });
    add({ type: 'tool_use', toolUseId: `t${index}`, name: 'Bash', input: { command: 'npm test' } });
    add({
      type: 'tool_result',
      toolUseId: `t${index}`,
      content: `</pre><script>alert(1)</script> \`\`\` token ${SECRET}`,
      isError: index === 1,
    });
    add({ type: 'text', blockId: 'b', text: `Done with turn ${index + 1}.` });
  }
  store.runs.eventLog.flush();
}

function service(store: Store) {
  return new ExportService({ store, clock: () => 0, secrets: async () => ({ API_KEY: SECRET }) });
}

async function exported(
  store: Store,
  format: 'markdown' | 'html' | 'json',
  scope: 'run' | 'thread',
) {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await service(store).write({ runId: 'run_2', scope, format }, sink);
  return Buffer.concat(chunks).toString('utf8');
}

describe('exports', () => {
  it('Markdown: every turn, answers whole, tool calls folded in fences no output can close', async () => {
    const store = openStore();
    seedThread(store);
    const text = await exported(store, 'markdown', 'thread');
    expect(text).toMatch(/^# Fix <the> build\n/);
    expect(text.indexOf('## Turn 1')).toBeLessThan(text.indexOf('## Turn 2'));
    expect(text).toContain('Running the tests.');
    expect(text).toContain('<details><summary>Bash <code>npm test</code> · ok</summary>');
    expect(text).toContain('· error</summary>');
    expect(text).toContain('````\n</pre><script>');
    expect(text).not.toContain(SECRET);
    expect(text).toContain('[redacted:API_KEY]');
    expect(await exported(store, 'markdown', 'run')).not.toContain('## Turn 2');
  });

  it('HTML: self-contained, no script, everything outside escaped, tools folded', async () => {
    const store = openStore();
    seedThread(store);
    const html = await exported(store, 'html', 'thread');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|src=|https?:/i);
    expect(html).toContain('<title>Fix &#60;the&#62; build</title>');
    expect(html).toContain('&#60;/pre&#62;&#60;script&#62;');
    expect(html.match(/<details class="tool">/g)).toHaveLength(2);
    expect(html).toContain('<div class="markdown"><p>Running the tests.</p></div>');
    expect(html).not.toContain(SECRET);
  });

  it('JSON: one document with the runs and every event, redacted', async () => {
    const store = openStore();
    seedThread(store);
    const doc = JSON.parse(await exported(store, 'json', 'thread')) as {
      runs: { id: string }[];
      events: { runId: string; type: string }[];
    };
    expect(doc.runs.map((run) => run.id)).toEqual(['run_1', 'run_2']);
    expect(doc.events).toHaveLength(12);
    expect(JSON.stringify(doc)).not.toContain(SECRET);
  });

  it('writes a new file, never over an existing one, and leaves none for a missing run', async () => {
    const store = openStore();
    seedThread(store);
    const dir = tempDir('export');
    const path = join(dir, 'out.md');
    const result = await service(store).toFile({
      runId: 'run_1',
      scope: 'run',
      format: 'markdown',
      path,
    });
    expect(result).toMatchObject({ path, events: 6, runs: 1 });
    expect(result.bytes).toBe(readFileSync(path).length);
    writeFileSync(path, 'mine');
    await expect(
      service(store).toFile({ runId: 'run_1', scope: 'run', format: 'markdown', path }),
    ).rejects.toThrow(/already at .*left as it is/);
    expect(readFileSync(path, 'utf8')).toBe('mine');
    const gone = join(dir, 'gone.md');
    await expect(
      service(store).toFile({ runId: 'run_nope', scope: 'run', format: 'markdown', path: gone }),
    ).rejects.toThrow(/run/);
    expect(existsSync(gone)).toBe(false);
  });
});
