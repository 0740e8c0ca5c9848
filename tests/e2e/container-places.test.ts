// Settings → Places in the browser with a real podman container (tests/support/test-image.ts): a
// container place is added, tested, chosen in a task whose form says what the container can
// reach, and the task's run happens in it — in the task's own folder, mounted at the same path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import {
  ensureTestImage,
  switchboardContainers,
  useTestContainersConf,
} from '../support/test-image';
import { currentRunId, startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;
let image = '';

beforeAll(async () => {
  useTestContainersConf();
  image = ensureTestImage();
  stack = await startStack();
}, 300_000);

afterAll(async () => {
  await stack.stop();
});

describe('container places', () => {
  it('adds a container place, tests it, and runs a task in it', async () => {
    const { page } = await stack.open({ path: '/settings' });
    await page.getByText('No places yet: runs happen here.').waitFor();
    await page
      .getByLabel('Add', { exact: true })
      .selectOption({ label: 'A container on this machine' });
    const form = page.getByRole('form', { name: 'Add a container place' });
    await form.getByLabel('Name', { exact: true }).fill('Box');
    await form.getByLabel('Image', { exact: true }).fill(image);
    await form.getByLabel('Other folders it sees', { exact: true }).fill('/nowhere:/data:rx');
    await form.getByRole('button', { name: 'Add container place' }).click();
    await form.getByText(/"\/nowhere:\/data:rx": write \/folder\/here:\/folder\/inside/).waitFor();
    await form.getByLabel('Other folders it sees', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Add container place' }).click();

    const item = page.getByRole('listitem', { name: 'Box' });
    await item.getByText(`podman ${image}, no network`).waitFor();
    await item.getByRole('button', { name: 'Test this place' }).click();
    await item
      .getByText(new RegExp(`^Ready: Claude Code \\d+\\.\\d+\\.\\d+.* found in ${image}`))
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'container-places-ready');

    await page.goto(new URL('/tasks/new', page.url()).toString());
    await page.getByLabel('Title', { exact: true }).fill('Boxed marker');
    await page
      .getByLabel('Prompt', { exact: true })
      .fill('[scenario:bash command=echo%20boxed%20>%20boxed.txt]');
    await page.getByLabel('Working folder', { exact: true }).fill(stack.workDir);
    await page
      .getByLabel('Where runs happen', { exact: true })
      .selectOption({ label: 'Box (container)' });
    await page
      .getByText('It sees the folder above, at the same path, and of this machine')
      .waitFor();
    await page.getByText('It has no network: only the API, through Switchboard.').waitFor();
    await screenshot(page, 'container-places-task-form');
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    const runId = await currentRunId(page);
    await page
      .getByRole('button', { name: /^Allow/ })
      .first()
      .click();
    await waitForRunStatus(page, 'succeeded');
    await page.locator('.run-header .run-place', { hasText: 'on Box' }).waitFor();
    await screenshot(page, 'container-places-run');

    const run = await stack.serve.call('runs.get', { runId });
    expect(run.place?.kind).toBe('container');
    expect(readFileSync(join(stack.workDir, 'boxed.txt'), 'utf8').trim()).toBe('boxed');
    await expect.poll(() => switchboardContainers()).toEqual([]);
  });
});
