// Skills in the panel against the built app: a skill is added to the library in Settings, ticked
// in a task's form, and the task says it has it; the library refuses to delete it while used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../support/browser';
import { startStack, type Stack } from './stack';

describe('skills in Settings and the task form', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.stop());

  it('adds a skill in Settings and attaches it in the task form', async () => {
    const { page } = await stack.open({ path: '/settings' });
    const section = page.locator('fieldset', {
      has: page.locator('legend', { hasText: /^Skills$/ }),
    });
    await section.getByRole('button', { name: 'Add a skill…' }).click();
    const editor = section.getByRole('group', { name: 'New skill' });
    await editor.getByLabel('Name', { exact: true }).fill('release-notes');
    await editor
      .getByLabel('When to use it', { exact: true })
      .fill('Use when writing release notes.');
    await editor.getByLabel('Instructions', { exact: true }).fill('Write them as three haiku.');
    await editor.getByRole('button', { name: 'Add to library' }).click();
    const item = section.getByRole('listitem', { name: 'release-notes' });
    await item.waitFor();
    expect(await item.innerText()).toContain('No task uses it.');
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-skills');

    await page.goto(`${stack.serve.url}/tasks/new`);
    await page.getByLabel('Title', { exact: true }).fill('Write the notes');
    await page.getByLabel('Prompt', { exact: true }).fill('Write the release notes.');
    await page.getByLabel('Working folder', { exact: true }).fill(stack.workDir);
    const library = page.getByRole('list', { name: 'Skill library' });
    await library.getByRole('checkbox', { name: 'release-notes' }).check();
    await page.locator('fieldset', { has: library }).scrollIntoViewIfNeeded();
    await screenshot(page, 'task-form-skills');
    await page.getByRole('button', { name: 'Create task' }).click();
    await page.waitForURL(/\/tasks\/[^/]+$/);
    await page.getByText('skills release-notes').waitFor();
    const [task] = await stack.serve.call('tasks.list', {});
    expect(task?.skills).toEqual(['release-notes']);

    await page.goto(`${stack.serve.url}/settings`);
    const used = section.getByRole('listitem', { name: 'release-notes' });
    await used.getByText('Used by Write the notes.').waitFor();
    await used.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete skill' }).click();
    await section.getByText(/attached to “Write the notes”/).waitFor();
    expect(await stack.serve.call('skills.list', {})).toHaveLength(1);
  }, 120_000);
});
