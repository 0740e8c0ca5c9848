// Keyboard first: the command palette (Ctrl+K) reaches a run and allows its request, the run view
// takes a and d, and a skip link leads past the navigation.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import {
  createTask,
  settled,
  startStack,
  waitForFile,
  waitForRunStatus,
  type Stack,
} from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

async function runAskingBash(
  title: string,
  marker: string,
): Promise<{ runId: string; dir: string }> {
  const dir = join(stack.workDir, title.replace(/\W+/g, '-'));
  mkdirSync(dir);
  const command = `echo ${marker} > ${marker}.txt`;
  const taskId = await createTask(
    stack,
    title,
    `Run it [scenario:bash command=${encodeURIComponent(command)}]`,
    { cwd: dir },
  );
  const runId = (await stack.serve.call('tasks.run', { taskId })).id;
  await waitFor(`a pending approval in ${runId}`, async () => {
    const pending = await stack.serve.call('approvals.list', { status: 'pending', runId });
    return pending.length > 0;
  });
  return { runId, dir };
}

describe('the command palette', () => {
  it('reaches a run and allows its request, all by keyboard', async () => {
    const { runId, dir } = await runAskingBash('Palette target', 'from-palette');
    const { page } = await stack.open({ path: '/' });

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('open run palette target');
    const option = palette.getByRole('option', { selected: true });
    await expect.poll(() => option.textContent()).toContain('Open run: Palette target');
    await screenshot(page, 'palette-run');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/runs/${runId}$`));
    expect(await palette.count()).toBe(0);
    await waitForRunStatus(page, 'waiting');

    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type('allow from-palette');
    await expect
      .poll(() => option.textContent())
      .toMatch(/^Needs youAllow: Bash echo from-palette/);
    // The request was first listed moments ago: Enter waits out its arrival moment.
    await settled(page);
    await page.keyboard.press('Enter');
    await waitForRunStatus(page, 'succeeded');
    await expect(waitForFile(join(dir, 'from-palette.txt'))).resolves.toBe('from-palette\n');
    const [approval] = await stack.serve.call('approvals.list', { runId });
    expect(approval?.status).toBe('allowed');
  });

  it('closes on Escape and gives focus back', async () => {
    const { page } = await stack.open({ path: '/tasks' });
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Command palette' }).count()).resolves.toBe(0);
  });
});

describe('the run view keyboard', () => {
  it('denies with d and allows with a', async () => {
    const denied = await runAskingBash('Deny by key', 'never-written');
    const { page } = await stack.open({ path: `/runs/${denied.runId}` });
    await waitForRunStatus(page, 'waiting');
    await settled(page);
    await page.locator('body').press('d');
    await waitFor('the denial', async () => {
      const [approval] = await stack.serve.call('approvals.list', { runId: denied.runId });
      return approval?.status === 'denied';
    });

    const allowed = await runAskingBash('Allow by key', 'written-by-key');
    await page.goto(`${stack.serve.url}/runs/${allowed.runId}`);
    await waitForRunStatus(page, 'waiting');
    await settled(page);
    await page.locator('body').press('a');
    await waitForRunStatus(page, 'succeeded');
    await expect(waitForFile(join(allowed.dir, 'written-by-key.txt'))).resolves.toBe(
      'written-by-key\n',
    );
  });

  it('offers a skip link to the content', async () => {
    const { page } = await stack.open({ path: '/tasks' });
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('content');
  });
});
