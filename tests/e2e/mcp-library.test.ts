// Settings → MCP servers against the built app: the library outside any task form. A server is
// added and tested there; while a task uses it, its delete is refused in words; once no task
// does, it is deleted, and Undo brings it back.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { startStack, type Stack } from './stack';

const ECHO_SERVER = fileURLToPath(new URL('../fixtures/mcp/echo-server.mjs', import.meta.url));

describe('the MCP server library in Settings', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it('adds, tests, refuses to delete a used server, and deletes with Undo', async () => {
    const { page } = await stack.open({ path: '/settings' });
    const section = page.locator('fieldset', {
      has: page.locator('legend', { hasText: 'MCP servers' }),
    });
    await section.getByRole('button', { name: 'Add a server…' }).click();
    const editor = section.getByRole('group', { name: 'New MCP server' });
    await editor.getByLabel('Name', { exact: true }).fill('echo');
    await editor.getByLabel('Command', { exact: true }).fill(process.execPath);
    await editor.getByLabel('Arguments', { exact: true }).fill(ECHO_SERVER);
    await editor.getByRole('button', { name: 'Test', exact: true }).click();
    await editor
      .getByRole('status')
      .filter({ hasText: 'Works: 2 tools' })
      .waitFor({ timeout: 30_000 });
    await editor.getByRole('button', { name: 'Add to library' }).click();
    const item = section.getByRole('listitem', { name: 'echo' });
    await item.waitFor();
    expect(await item.innerText()).toContain('No task uses it.');

    const [server] = await stack.serve.call('mcpServers.list', {});
    const task = await stack.serve.call('tasks.create', {
      title: 'Uses echo',
      prompt: 'hi',
      cwd: stack.workDir,
      mcpServerIds: [server?.id ?? ''],
    });
    await item.getByText('Used by Uses echo.').waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-mcp-library');
    await item.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete server' }).click();
    await section.getByText(/attached to “Uses echo”/).waitFor();
    expect(await stack.serve.call('mcpServers.list', {})).toHaveLength(1);
    await screenshot(page, 'settings-mcp-library-refused');

    await stack.serve.call('tasks.update', { taskId: task.id, mcpServerIds: [] });
    await item.getByText('No task uses it.').waitFor();
    await item.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete server' }).click();
    await item.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Undo' }).click();
    await section.getByRole('listitem', { name: 'echo' }).waitFor();
    const [restored] = await stack.serve.call('mcpServers.list', {});
    expect(restored).toMatchObject({
      name: 'echo',
      command: process.execPath,
      args: [ECHO_SERVER],
    });
  }, 120_000);
});
