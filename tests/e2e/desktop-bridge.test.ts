// The panel's desktop-only paths, driven through a stand-in for the preload's `window.switchboard`
// (the same Transport over the local API, plus pathForFile/pickFolder/onNavigate): the transport
// picker uses it, Browse… fills a folder, the shell can navigate, and dropped files start a run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropRoute } from '../../src/shared/drop-route';
import { screenshot } from '../support/browser';
import { currentRunId, startStack, waitForRunStatus, type Stack } from './stack';
import { standInBridge } from './stand-in-bridge';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
  writeFileSync(join(stack.workDir, 'notes.txt'), 'some notes\n');
  writeFileSync(join(stack.workDir, 'todo.txt'), 'a list\n');
});

afterAll(async () => {
  await stack.stop();
});

async function dropFiles(page: Page, names: string[]): Promise<void> {
  await page.evaluate((fileNames) => {
    const transfer = new DataTransfer();
    for (const name of fileNames) transfer.items.add(new File(['x'], name, { type: 'text/plain' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(
        new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
      );
    }
  }, names);
}

/** The main process shows a route, as a notification or the tray would. */
async function shellNavigate(page: Page, path: string): Promise<void> {
  await page.evaluate(
    (to) => (window as unknown as { __navigate: (path: string) => void }).__navigate(to),
    path,
  );
}

async function discardChanges(page: Page): Promise<void> {
  await page
    .getByRole('dialog', { name: 'Discard your changes?' })
    .getByRole('button', { name: 'Discard changes' })
    .click();
}

describe('in the desktop app', () => {
  it('talks through the bridge, offers Browse…, and follows the shell', async () => {
    const { page } = await stack.open({
      path: '/tasks/new',
      initScript: standInBridge(stack.workDir),
    });
    await page.getByRole('button', { name: 'Browse…' }).waitFor();
    expect(
      await page.evaluate(() => (window as unknown as { __bridgeCalls: number }).__bridgeCalls),
    ).toBeGreaterThan(0);
    await page.evaluate(
      (folder) => ((window as unknown as { __pickedFolder: string }).__pickedFolder = folder),
      stack.workDir,
    );
    await page.getByRole('button', { name: 'Browse…' }).click();
    await page.waitForFunction(
      (folder) => document.querySelector<HTMLInputElement>('.folder-input input')?.value === folder,
      stack.workDir,
    );

    await shellNavigate(page, '/costs');
    // The form holds the picked folder: leaving it asks first, the shell's navigation too.
    await discardChanges(page);
    await page.getByRole('heading', { name: 'Costs' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/costs');
  });

  it('tells the shell what a form holds unsaved, so quitting can ask first', async () => {
    const { page } = await stack.open({
      path: '/settings',
      initScript: standInBridge(stack.workDir),
    });
    const unsaved = () =>
      page.evaluate(() => (window as unknown as { __unsaved?: string | null }).__unsaved);
    const runsAtOnce = page.getByLabel('Runs at once', { exact: true });
    await runsAtOnce.waitFor();
    expect(await unsaved()).toBeUndefined();
    const before = await runsAtOnce.inputValue();
    await runsAtOnce.fill(before === '4' ? '5' : '4');
    await expect.poll(unsaved).toBe('Your changes to the settings have not been saved.');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(unsaved).toBeNull();
    await runsAtOnce.fill(before);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(unsaved).toBeNull();

    // The task form too; leaving it (changes discarded) says there is nothing left.
    await shellNavigate(page, '/tasks/new');
    await page.getByLabel('Title').fill('Half-written');
    await expect.poll(unsaved).toBe('What you typed in this task has not been saved.');
    await shellNavigate(page, '/costs');
    await discardChanges(page);
    await page.getByRole('heading', { name: 'Costs' }).waitFor();
    expect(await unsaved()).toBeNull();
  });

  it('opens a draft for files dropped on the dock or tray (the shell sends /?drop=)', async () => {
    const { page } = await stack.open({ path: '/costs', initScript: standInBridge(stack.workDir) });
    await page.getByRole('heading', { name: 'Costs' }).waitFor();
    const route = dropRoute([{ path: join(stack.workDir, 'from-dock.pdf'), isFolder: false }]);
    await shellNavigate(page, route);
    const dialog = page.getByRole('dialog', { name: 'New run with dropped files' });
    await dialog.waitFor();
    expect(await dialog.getByRole('list', { name: 'Dropped' }).innerText()).toContain(
      join(stack.workDir, 'from-dock.pdf'),
    );
    // Escape with instructions typed asks first; Keep editing keeps them.
    await dialog.getByLabel('What should Claude do with them?').fill('Summarise it');
    await page.keyboard.press('Escape');
    const question = page.getByRole('dialog', { name: 'Discard your changes?' });
    await question.getByRole('button', { name: 'Keep editing' }).click();
    expect(await dialog.getByLabel('What should Claude do with them?').inputValue()).toBe(
      'Summarise it',
    );
    await page.keyboard.press('Escape');
    await question.getByRole('button', { name: 'Discard changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The dialog's close event (a task after close()) takes the draft out of the address.
    await page.waitForURL((url) => url.search === '');
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('starts a run from dropped files', async () => {
    const { page } = await stack.open({ initScript: standInBridge(stack.workDir) });
    await dropFiles(page, ['notes.txt', 'todo.txt']);
    const dialog = page.getByRole('dialog', { name: 'New run with dropped files' });
    await dialog.waitFor();
    expect(await dialog.getByRole('list', { name: 'Dropped' }).innerText()).toContain(
      join(stack.workDir, 'notes.txt'),
    );
    // A new task works in the files' folder unless changed.
    expect(await dialog.getByLabel('Working folder').inputValue()).toBe(stack.workDir);
    await dialog
      .getByLabel('What should Claude do with them?')
      .fill('Summarise these [scenario:text say=Summarised.]');
    await screenshot(page, 'drop-dialog');
    await dialog.getByRole('button', { name: 'Start run' }).click();

    const runId = await currentRunId(page);
    await waitForRunStatus(page, 'succeeded');
    await page.locator('.entry-text', { hasText: 'Summarised.' }).waitFor();
    expect(await page.getByRole('list', { name: 'Files' }).innerText()).toContain(
      join(stack.workDir, 'todo.txt'),
    );
    const run = await stack.serve.call('runs.get', { runId });
    expect(run.trigger.kind).toBe('drop');
    const [prompt] = await stack.serve.call('runs.events', { runId });
    expect(prompt?.type === 'prompt' && prompt.files).toEqual([
      join(stack.workDir, 'notes.txt'),
      join(stack.workDir, 'todo.txt'),
    ]);

    // Dropped again, onto the task that now exists.
    await dropFiles(page, ['notes.txt']);
    await dialog.waitFor();
    await dialog.getByLabel('An existing task').check();
    expect(await dialog.getByLabel('Task', { exact: true }).inputValue()).toBe(run.taskId);
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(runId));
    const second = await stack.serve.call('runs.get', { runId: await currentRunId(page) });
    expect([second.taskId, second.trigger.kind]).toEqual([run.taskId, 'drop']);
  });
});
