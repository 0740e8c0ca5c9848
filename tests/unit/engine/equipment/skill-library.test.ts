// The skill library against a real store and real files: a skill saved is a folder with a
// SKILL.md that reads back the same; a run of a task that attaches it gets a plugin folder of its
// own with a copy; a skill in use is not deleted; the run's copy goes when it ends.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SkillLibrary } from '../../../../src/main/engine/equipment/skill-library';
import { Store } from '../../../../src/main/engine/store';
import { tempDir } from '../../../support/claude-env';
import { taskRecord } from '../../../support/records';

const opened: Store[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

function setup() {
  const dataDir = tempDir('skills');
  const store = Store.open(dataDir);
  opened.push(store);
  return { store, dataDir, library: new SkillLibrary({ store, dataDir }) };
}

describe('the skill library', () => {
  it('keeps a skill as a SKILL.md and gives a run of its task a copy in a plugin', () => {
    const { store, dataDir, library } = setup();
    const description = 'Use when: "release notes" are due';
    library.save({ name: 'notes', description, instructions: '# Notes\n\nWrite haiku.' });
    expect(library.list()).toEqual([
      { name: 'notes', description, instructions: '# Notes\n\nWrite haiku.', usedBy: [] },
    ]);
    store.tasks.insert(taskRecord({ id: 'task_1', title: 'Notes', skills: ['notes'] }));
    expect(library.list()[0]?.usedBy).toEqual([{ taskId: 'task_1', title: 'Notes' }]);
    expect(() => library.delete('notes')).toThrow(/attached to “Notes”/);

    const plugin = library.pluginFor('run_1', { skills: ['notes'] });
    expect(plugin).toBe(join(dataDir, 'run-skills', 'run_1'));
    const manifest: unknown = JSON.parse(
      readFileSync(join(plugin ?? '', '.claude-plugin', 'plugin.json'), 'utf8'),
    );
    expect(manifest).toMatchObject({ name: 'switchboard' });
    expect(readFileSync(join(plugin ?? '', 'skills', 'notes', 'SKILL.md'), 'utf8')).toContain(
      'Write haiku.',
    );
    library.ended('run_1');
    expect(existsSync(plugin ?? '')).toBe(false);
    expect(library.pluginFor('run_2', { skills: [] })).toBeNull();
  });

  it('deletes a skill no task uses', () => {
    const { library } = setup();
    library.save({ name: 'gone', description: 'd', instructions: 'i' });
    expect(library.delete('gone')).toEqual({ ok: true });
    expect(library.list()).toEqual([]);
    expect(library.has('gone')).toBe(false);
  });
});
