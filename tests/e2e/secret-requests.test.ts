// A secret the agent asks for mid-run, against the built app and the real Claude Code binary:
// the request shows in the inbox as a masked field with the agent's reason; the value typed
// there reaches the run's next shell command, and the page never shows it again.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { createTask, startStack, waitForRunStatus, type Stack } from './stack';

/** Claude Code runs at a lower priority: on a loaded machine a session takes its time to start. */
const SLOW_MS = 150_000;
const VALUE = `e2e-${Date.now()}-typed-in-the-panel`;

describe('secret requests in the panel', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it(
    'asks in the inbox with a masked field, and the run goes on with the value',
    async () => {
      const taskId = await createTask(
        stack,
        'Publish the package',
        '[scenario:secret name=NPM_TOKEN]',
        {
          allowedTools: ['Bash'],
        },
      );
      const run = await stack.serve.call('tasks.run', { taskId });
      const { page } = await stack.open({ path: '/inbox' });
      const card = page.locator('.approval-card.approval-secret');
      await card.waitFor({ timeout: SLOW_MS });
      expect(await card.locator('.approval-title').innerText()).toBe(
        'Claude asks for the secret NPM_TOKEN',
      );
      expect(await card.locator('.secret-why').innerText()).toBe(
        'To publish the package I need NPM_TOKEN.',
      );
      const field = card.getByLabel('Value of NPM_TOKEN');
      expect(await field.getAttribute('type')).toBe('password');
      // Giving nothing says so, in the card, and sends nothing.
      await card.getByRole('button', { name: 'Give NPM_TOKEN to this run' }).click();
      await card.getByRole('alert').filter({ hasText: 'Type the value' }).waitFor();
      await field.fill(VALUE);
      expect(await card.getByRole('alert').count()).toBe(0);
      await screenshot(page, 'inbox-secret-request');

      // Keys wait until the request is no longer just arrived; then Enter in the field gives it.
      await page.locator('.approval-card[data-just-arrived]').waitFor({ state: 'detached' });
      await field.press('Enter');
      await card.waitFor({ state: 'detached', timeout: 30_000 });
      await page.goto(`${stack.serve.url}/runs/${run.id}`);
      await waitForRunStatus(page, 'succeeded', SLOW_MS);
      const digest = createHash('sha256').update(VALUE).digest('hex');
      await page.locator('.entry-text', { hasText: `Bash said: ${digest}` }).waitFor();
      // The request's card: the tool told Claude the variable is set, and nothing more.
      await page.getByText('request_secret (MCP server switchboard)').click();
      await page.getByText('$NPM_TOKEN is now set', { exact: false }).first().waitFor();
      await screenshot(page, 'run-secret-given');
      expect(await page.content()).not.toContain(VALUE);
      expect(stack.fake.bodies.join('\n')).not.toContain(VALUE);
    },
    3 * SLOW_MS,
  );
});
