// The panel's view of the engine host in the desktop app (through the stand-in bridge): the local
// API's address, sign-in link and settings, webhook URLs on that address, and the banner shown
// while the main process says the engine host is restarting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../src/shared/domain';
import { screenshot } from '../support/browser';
import { startStack, type Stack } from './stack';
import { standInBridge } from './stand-in-bridge';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

describe('the local API in the desktop panel', () => {
  it('shows the URL, a sign-in link to copy or open, and the Local API settings', async () => {
    const { page } = await stack.open({
      path: '/settings',
      initScript: standInBridge(stack.workDir),
    });
    const url = page.getByTestId('local-api-url');
    await url.waitFor();
    expect(await url.innerText()).toBe(stack.serve.url);
    const open = page.getByRole('link', { name: 'Open in browser' });
    expect(await open.getAttribute('href')).toBe(`${stack.serve.url}/?token=${stack.serve.token}`);
    expect(await open.getAttribute('target')).toBe('_blank');
    await page.getByRole('button', { name: 'Copy sign-in link' }).waitFor();
    const section = page.getByRole('group', { name: 'Local API' });
    expect(await section.getByRole('checkbox').isChecked()).toBe(true);
    expect(await section.getByLabel('Port').inputValue()).toBe('7420');
    await section.getByLabel('Port').fill('80');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await section.getByText('Use a port from 1024 to 65535.').waitFor();
    await screenshot(page, 'settings-local-api');
  });

  it('gives a webhook trigger its URL on the local API', async () => {
    const task = await stack.serve.call('tasks.create', {
      title: 'Hooked',
      prompt: 'p',
      cwd: stack.workDir,
    });
    const trigger = await stack.serve.call('triggers.create', { taskId: task.id, kind: 'webhook' });
    if (trigger.kind !== 'webhook') throw new Error('not a webhook');
    const { page } = await stack.open({
      path: `/tasks/${task.id}`,
      initScript: standInBridge(stack.workDir),
    });
    await page.getByText(`${stack.serve.url}${trigger.hookPath}`).waitFor();
    await page.getByRole('button', { name: 'Copy URL' }).waitFor();
  });

  it('shows a banner while the engine host restarts, and drops it when it is back', async () => {
    const { page } = await stack.open({ path: '/', initScript: standInBridge(stack.workDir) });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const push = (status: EngineStatus) =>
      page.evaluate((payload) => {
        const listeners = (window as unknown as { __listeners: Set<(event: unknown) => void> })
          .__listeners;
        for (const listener of listeners) listener({ type: 'engine.status', payload });
      }, status);
    const message = 'The engine stopped (it exited with code 139). Restarting…';
    await push({ state: 'restarting', message });
    const banner = page.getByTestId('engine-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toBe(message);
    expect(await banner.getAttribute('role')).toBe('alert');
    await screenshot(page, 'engine-banner');
    await push({ state: 'running', message: null });
    await banner.waitFor({ state: 'detached' });
  });
});
