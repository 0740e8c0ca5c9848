// Per-task skills, with the real Claude Code binary against the fake API: a skill saved in
// Switchboard's library and attached to one task is listed to that task's session (as
// `switchboard:<name>`) and used through the Skill tool; another task's session never lists it;
// nothing is written into either task's folder; the library refuses to delete it while in use.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/claude-env';
import { sharedEngineStack } from '../support/engine-stack';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();
/** Claude Code runs at a lower priority: on a loaded machine a session takes its time to start. */
const SLOW_MS = 150_000;

describe('per-task skills', () => {
  it(
    'gives a library skill to the task that attaches it, and to no other',
    async () => {
      const { harness } = stack;
      const call = harness.call.bind(harness);
      const saved = await call('skills.save', {
        name: 'release-notes',
        description: 'Use when writing release notes.',
        instructions: 'Write the release notes as three haiku: marker-haiku-7.',
      });
      expect(saved).toMatchObject({ name: 'release-notes', usedBy: [] });

      const withFolder = tempDir('skills-with');
      const { task, run } = await startTask(harness, {
        title: 'Notes with the skill',
        prompt: '[scenario:skills use=switchboard:release-notes]',
        cwd: withFolder,
        skills: ['release-notes'],
        allowedTools: ['Skill'],
      });
      expect(task.skills).toEqual(['release-notes']);
      const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], SLOW_MS);
      expect(done.error).toBeNull();
      expect(done.result).toContain('Used the skill');
      // The skill's instructions reached the model with the Skill tool's answer.
      expect(stack.fake.bodies.join('\n')).toContain('marker-haiku-7');

      const withoutFolder = tempDir('skills-without');
      const other = await startTask(harness, {
        title: 'Notes without it',
        prompt: '[scenario:skills]',
        cwd: withoutFolder,
      });
      const otherDone = await harness.waitForRun(other.run.id, ['succeeded', 'failed'], SLOW_MS);
      expect(otherDone.result).toContain('Skills listed:');
      expect(otherDone.result).not.toContain('release-notes');

      // Nothing was written into the folders; the run's copy of the skill is gone.
      expect(readdirSync(withFolder)).toEqual([]);
      expect(readdirSync(withoutFolder)).toEqual([]);
      expect(readdirSync(join(harness.dataDir, 'run-skills'))).toEqual([]);
      expect((await call('skills.list', {}))[0]?.usedBy).toEqual([
        { taskId: task.id, title: task.title },
      ]);
      await expect(call('skills.delete', { name: 'release-notes' })).rejects.toThrow(
        /attached to “Notes with the skill”/,
      );
    },
    3 * SLOW_MS,
  );
});
