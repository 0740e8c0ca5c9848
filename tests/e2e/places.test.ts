// Settings → Places in the browser against a real sshd (tests/support/test-sshd.ts): a place is
// added, tested (its new host key shown and accepted), chosen in a task, and the task's run
// happens there — the run page says where, the file it wrote belongs to the far side's user, and
// the Runs list and search find the run by where it ran.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { SSHD_WAIT_MS, startTestSshd, type TestSshd } from '../support/test-sshd';
import { currentRunId, startStack, waitForRunStatus, type Stack } from './stack';

let stack: Stack;
let sshd: TestSshd;

// Another file may hold the shared far user for a while (two files run at once).
beforeAll(async () => {
  sshd = await startTestSshd();
  stack = await startStack();
}, SSHD_WAIT_MS);

afterAll(async () => {
  await stack.stop();
  await sshd.stop();
});

describe('places', () => {
  it('adds an SSH place, tests it, accepts its key, and runs a task there', async () => {
    const folder = sshd.newFolder();
    const { page } = await stack.open({ path: '/settings' });
    await page.getByText('No places yet: runs happen here.').waitFor();
    const form = page.getByRole('form', { name: 'Add a place' });
    await form.getByLabel('Name', { exact: true }).fill('Far box');
    await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await form.getByLabel('User', { exact: true }).fill(sshd.user);
    await form.getByLabel('Port', { exact: true }).fill(String(sshd.port));
    await form.getByLabel('Private key file', { exact: true }).fill(sshd.keyPath);
    await form.getByLabel('Claude Code there', { exact: true }).fill(sshd.claudePath);
    await form.getByLabel('Folder there', { exact: true }).fill(folder);
    await form.getByRole('button', { name: 'Add place' }).click();

    const item = page.getByRole('listitem', { name: 'Far box' });
    await item.getByText('Not tested yet').waitFor();
    await item.getByRole('button', { name: 'Test this place' }).click();
    const accept = item.getByRole('button', { name: /^Accept the key SHA256:/ });
    await accept.waitFor();
    expect(await item.innerText()).toContain('This is the first connection to 127.0.0.1');
    await screenshot(page, 'places-first-key');
    await accept.click();
    await item.getByText(/^Ready: Claude Code \d+\.\d+\.\d+/).waitFor({ timeout: 30_000 });
    await screenshot(page, 'places-ready');

    await page.goto(new URL('/tasks/new', page.url()).toString());
    await page.getByLabel('Title', { exact: true }).fill('Far marker');
    await page
      .getByLabel('Prompt', { exact: true })
      .fill('[scenario:bash command=echo%20far%20>%20far.txt]');
    await page.getByLabel('Working folder', { exact: true }).fill(stack.workDir);
    await page
      .getByLabel('Where runs happen', { exact: true })
      .selectOption({ label: 'Far box (SSH)' });
    await page.getByText(`in ${folder} there (not the folder above)`).waitFor();
    await screenshot(page, 'places-task-form');
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.getByRole('button', { name: 'Run now' }).click();
    const runId = await currentRunId(page);
    await page
      .getByRole('button', { name: /^Allow/ })
      .first()
      .click();
    await waitForRunStatus(page, 'succeeded');
    await page.locator('.run-header .run-place', { hasText: 'on Far box' }).waitFor();
    await screenshot(page, 'places-run');

    const run = await stack.serve.call('runs.get', { runId });
    expect(run.place?.name).toBe('Far box');
    expect(readFileSync(join(folder, 'far.txt'), 'utf8').trim()).toBe('far');
    expect(statSync(join(folder, 'far.txt')).uid).toBe(sshd.uid);

    // Runs and search can be told where: the run is found there and not on this machine.
    const rows = () =>
      page
        .locator('table[aria-label="Runs"] tbody tr')
        .evaluateAll((found) => found.map((row) => row.getAttribute('data-run-id')));
    await page.goto(new URL('/runs', page.url()).toString());
    await page.getByLabel('Where').selectOption({ label: 'Far box' });
    await expect.poll(rows).toEqual([runId]);
    await page.getByLabel('Where').selectOption({ label: 'This machine' });
    await expect.poll(rows).toEqual([]);
    await page.goto(new URL('/search?q=far.txt', page.url()).toString());
    const hits = page.getByRole('list', { name: 'Matches' }).getByRole('listitem');
    await expect.poll(() => hits.count()).toBeGreaterThan(0);
    await page.getByLabel('Where').selectOption({ label: 'This machine' });
    await expect.poll(() => hits.count()).toBe(0);
    await page.getByLabel('Where').selectOption({ label: 'Far box' });
    await expect.poll(() => hits.count()).toBeGreaterThan(0);
    await screenshot(page, 'places-search-where');
  });
});
