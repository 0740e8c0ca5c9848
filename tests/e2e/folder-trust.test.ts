// The folder-trust request in the inbox, in Chromium against the built server and the real
// Claude Code binary: it shows every command the folder's settings would run, in full; no key
// decides it; its own button does, and only then does the folder's SessionStart hook run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { tempDir } from '../support/claude-env';
import { untilRunStatus, waitFor } from '../support/serve-process';
import { settled, startStack, type Stack } from './stack';

describe('folder trust in the inbox', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it('shows what would load, ignores keys, and trusts only on its button', async () => {
    const folder = tempDir('trust-e2e');
    const marker = join(tempDir('trust-e2e-marker'), 'hook-ran');
    const hook = `echo started >> ${marker}`;
    mkdirSync(join(folder, '.claude'));
    writeFileSync(
      join(folder, '.claude', 'settings.json'),
      JSON.stringify(
        {
          hooks: { SessionStart: [{ hooks: [{ type: 'command', command: hook }] }] },
          permissions: { allow: ['Bash(npm run deploy:*)'] },
        },
        null,
        2,
      ),
    );
    writeFileSync(
      join(folder, '.mcp.json'),
      JSON.stringify({ mcpServers: { tracker: { command: 'npx', args: ['-y', 'tracker-mcp'] } } }),
    );
    const task = await stack.serve.call('tasks.create', {
      title: 'Cloned repository',
      prompt: '[scenario:text say=trusted-run-done]',
      cwd: folder,
    });
    const run = await stack.serve.call('tasks.run', { taskId: task.id });
    await untilRunStatus(stack.serve, run.id, ['waiting'], 150_000);

    const { page } = await stack.open({ path: '/inbox' });
    const card = page.getByRole('article', {
      name: "Load this folder's own Claude Code settings?",
    });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain(hook);
    expect(text).toContain('Bash(npm run deploy:*)');
    expect(text).toContain('npx -y tracker-mcp');
    expect(text).toContain(folder);

    // Decision keys do nothing here: Enter goes to the files, never to a decision button, so a
    // second Enter only opens them.
    await settled(page);
    await card.click({ position: { x: 5, y: 5 } });
    for (const key of ['a', 'Enter', 'Enter', 'd']) await page.keyboard.press(key);
    await page.waitForTimeout(1_000);
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toBe('The settings files in full');
    expect(await card.getByText(`"command":`).first().isVisible()).toBe(true);
    const pending = await stack.serve.call('approvals.list', { status: 'pending' });
    expect(pending.filter((a) => a.runId === run.id)).toHaveLength(1);
    expect(existsSync(marker)).toBe(false);
    await screenshot(page, 'inbox-folder-trust');

    await card.getByRole('button', { name: 'Trust this folder and load them' }).click();
    await card.waitFor({ state: 'detached' });
    const done = await untilRunStatus(stack.serve, run.id, undefined, 150_000);
    expect(done.status).toBe('succeeded');
    await waitFor('the SessionStart hook to have run', () => existsSync(marker));
    expect(readFileSync(marker, 'utf8').trim()).toBe('started');
  }, 400_000);
});
