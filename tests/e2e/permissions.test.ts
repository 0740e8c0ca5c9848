// Permission choices in the panel: "Always allow" offers the request's own size first (a command
// prefix per part of a compound command) and says plainly what a wide choice means; the toast
// and the task page say exactly which rules were added, and a rule can be removed there. A plan
// reads as Markdown, before and after approval, and "Keep planning" is held for Undo.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { startStack, type Stack } from './stack';

let stack: Stack;

beforeAll(async () => {
  stack = await startStack();
});

afterAll(async () => {
  await stack.stop();
});

async function task(title: string, prompt: string, permissionMode: 'default' | 'plan') {
  const dir = join(stack.workDir, title.replace(/\W+/g, '-'));
  mkdirSync(dir);
  const created = await stack.serve.call('tasks.create', {
    title,
    prompt,
    cwd: dir,
    permissionMode,
  });
  const run = await stack.serve.call('tasks.run', { taskId: created.id });
  await waitFor(`a request in ${run.id}`, async () => {
    const pending = await stack.serve.call('approvals.list', { status: 'pending', runId: run.id });
    return pending[0];
  });
  return { taskId: created.id, runId: run.id };
}

describe('"Always allow"', () => {
  it('offers the command’s prefix first, warns about a wide choice, and lists the rules', async () => {
    const command = 'touch made.txt && rm -f gone.txt';
    const { taskId, runId } = await task(
      'Narrow always',
      `[scenario:bash command=${encodeURIComponent(command)}]`,
      'default',
    );
    const { page } = await stack.open({ path: `/runs/${runId}` });
    const scope = page.getByLabel('Always allow in this task:');
    await scope.waitFor();
    expect(await scope.locator('option').allTextContents()).toEqual([
      'Bash commands starting with “touch”; Bash commands starting with “rm”',
      'Exactly this command',
      'Any Bash command (wide)',
    ]);
    await screenshot(page, 'always-allow-narrow');
    await scope.selectOption({ label: 'Any Bash command (wide)' });
    await page
      .getByRole('note')
      .getByText('The agent can run anything, with your permissions, without asking.')
      .waitFor();
    await screenshot(page, 'always-allow-wide-warning');

    await scope.selectOption({ index: 0 });
    expect(await page.getByRole('note').count()).toBe(0);
    await page.getByRole('button', { name: 'Always allow', exact: true }).click();
    await page
      .getByTestId('toast')
      .getByText(
        'Always allowed in Narrow always: Bash commands starting with “touch”; Bash commands starting with “rm”.',
      )
      .waitFor();
    await screenshot(page, 'always-allow-toast');
    expect((await stack.serve.call('tasks.get', { taskId })).alwaysAllowedTools).toEqual([
      'Bash(touch:*)',
      'Bash(rm:*)',
    ]);

    await page.goto(`${stack.serve.url}/tasks/${taskId}`);
    const rules = page.locator('.rule');
    await page.getByRole('heading', { name: 'Always allowed' }).waitFor();
    expect(await rules.locator('.rule-words').allTextContents()).toEqual([
      'Bash commands starting with “touch”',
      'Bash commands starting with “rm”',
    ]);
    await screenshot(page, 'task-always-allowed-rules');
    await page.getByRole('button', { name: 'Remove: Bash commands starting with “rm”' }).click();
    await waitFor('the rule to go', async () => ((await rules.count()) === 1 ? true : undefined));
    expect((await stack.serve.call('tasks.get', { taskId })).alwaysAllowedTools).toEqual([
      'Bash(touch:*)',
    ]);
  });
});

describe('plans', () => {
  it('read as Markdown before and after approval, and "Keep planning" can be undone', async () => {
    const { runId } = await task('Plan as text', '[scenario:plan]', 'plan');
    const { page } = await stack.open({ path: `/runs/${runId}` });
    const card = page.locator('.plan-approval');
    await card.getByRole('heading', { name: 'Plan' }).waitFor();

    await card.getByLabel('Feedback on the plan').fill('Add a test step first.');
    await card.getByRole('button', { name: 'Keep planning' }).click();
    await card
      .getByText('Sending your feedback in a few seconds; Claude keeps planning.')
      .waitFor();
    await page
      .getByTestId('toast')
      .getByText(/Keep planning in Plan as text/)
      .waitFor();
    await screenshot(page, 'plan-keep-planning-held');
    await page.getByTestId('toast').getByRole('button', { name: 'Send now' }).waitFor();
    await card.getByRole('button', { name: 'Undo' }).click();
    await card.getByRole('button', { name: 'Approve plan' }).waitFor();
    await page
      .getByTestId('toast')
      .getByText('Keep planning undone: the plan waits for you again.')
      .waitFor();
    const [pending] = await stack.serve.call('approvals.list', { status: 'pending', runId });
    expect(pending?.toolName).toBe('ExitPlanMode');

    await card.getByRole('button', { name: 'Approve plan' }).click();
    // The approved plan in the transcript: its heading and list, not the call's JSON.
    const planned = page.locator('.tool-card', { hasText: 'ExitPlanMode' }).first();
    await planned.waitFor();
    const opener = planned.locator('summary, button[aria-expanded="false"]').first();
    if ((await opener.count()) > 0) await opener.click();
    await planned.locator('.plan-text h1', { hasText: 'Plan' }).waitFor();
    expect(await planned.locator('pre.json').count()).toBe(0);
    await screenshot(page, 'plan-approved-markdown');
  });
});
