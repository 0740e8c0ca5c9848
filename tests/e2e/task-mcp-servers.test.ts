// The task form's MCP servers against the built app and the real Claude Code binary: a server is
// added to the library from the form, tested (its tools listed), attached, and its tool's call in
// the run asks first, naming the server, under the servers' status at the top of the transcript.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { startStack, waitForRunStatus, type Stack } from './stack';

const ECHO_SERVER = fileURLToPath(new URL('../fixtures/mcp/echo-server.mjs', import.meta.url));
/** Claude Code runs at a lower priority: on a loaded machine a session takes its time to start. */
const SLOW_MS = 150_000;

describe('MCP servers in the task form', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it(
    'adds and tests a server from the form, and its run asks before the tool, naming the server',
    async () => {
      const { page } = await stack.open({ path: '/tasks/new' });
      await page.getByLabel('Title', { exact: true }).fill('Shout through MCP');
      await page
        .getByLabel('Prompt', { exact: true })
        .fill('[scenario:mcp tool=mcp__echo__shout text=hello]');
      await page.getByLabel('Working folder', { exact: true }).fill(stack.workDir);

      await page.getByRole('button', { name: 'Add a server…' }).click();
      const editor = page.getByRole('group', { name: 'New MCP server' });
      await editor.getByLabel('Name', { exact: true }).fill('echo');
      await editor.getByLabel('Command', { exact: true }).fill(process.execPath);
      await editor.getByLabel('Arguments', { exact: true }).fill(ECHO_SERVER);
      await editor.getByRole('button', { name: 'Add a variable' }).click();
      await editor.getByLabel('Environment variables: name 1').fill('ECHO_GREETING');
      await editor.getByLabel('Environment variables: ECHO_GREETING value').fill('hello there');
      await editor.getByRole('button', { name: 'Test', exact: true }).click();
      const works = editor.getByRole('status').filter({ hasText: 'Works: 2 tools' });
      await works.waitFor({ timeout: 30_000 });
      expect(await works.innerText()).toContain('shout');
      await screenshot(page, 'task-form-mcp-test');

      // A failing command says why, in the form.
      await editor.getByLabel('Environment variables: ECHO_GREETING value').fill('hello there');
      await editor.getByRole('button', { name: 'Add a variable' }).click();
      await editor.getByLabel('Environment variables: name 2').fill('ECHO_FAIL_AT_START');
      await editor.getByLabel('Environment variables: ECHO_FAIL_AT_START value').fill('1');
      await editor.getByRole('button', { name: 'Test', exact: true }).click();
      const failed = editor.getByRole('status').filter({ hasText: 'It did not answer.' });
      await failed.waitFor({ timeout: 30_000 });
      expect(await failed.innerText()).toContain('told to fail at start');
      await screenshot(page, 'task-form-mcp-test-failed');
      await editor.getByRole('button', { name: 'Remove ECHO_FAIL_AT_START' }).click();

      await editor.getByRole('button', { name: 'Add to library' }).click();
      await editor.waitFor({ state: 'detached' });
      const library = page.getByRole('list', { name: 'MCP server library' });
      const echo = library.getByRole('checkbox', { name: 'echo' });
      expect(await echo.isChecked()).toBe(true);
      await page.locator('fieldset', { has: library }).scrollIntoViewIfNeeded();
      await screenshot(page, 'task-form-mcp-section');

      await page.getByRole('button', { name: 'Create task' }).click();
      await page.waitForURL(/\/tasks\/[^/]+$/);
      await page.getByText('1 MCP server').waitFor();
      await page.getByRole('button', { name: 'Run now' }).click();
      await waitForRunStatus(page, 'waiting', SLOW_MS);
      const status = page.getByRole('group', { name: 'MCP servers' });
      expect(await status.innerText()).toMatch(/echo\s+connected/);
      const card = page.locator('.tool-card.tool-waiting');
      expect(await card.locator('.tool-name').innerText()).toBe('shout (MCP server echo)');
      await screenshot(page, 'run-mcp-approval');
      await card.getByRole('button', { name: 'Allow', exact: true }).click();
      await waitForRunStatus(page, 'succeeded', SLOW_MS);
      await page.locator('.entry-text', { hasText: 'MCP said: ECHO: HELLO' }).waitFor();
    },
    4 * SLOW_MS,
  );
});
