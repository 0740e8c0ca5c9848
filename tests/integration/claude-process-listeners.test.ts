// The Agent SDK's ProcessTransport waits on a Claude Code process from several places, each
// adding 'exit' listeners to the ChildProcess Switchboard spawned: a session with follow-ups
// (cold and warm-spare starts alike) must end without Node's MaxListenersExceededWarning.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { tempDir } from '../support/claude-env';
import { startEngine } from '../support/engine-harness';

let fake: FakeAnthropic;
const warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);

beforeAll(async () => {
  fake = await startFakeAnthropic();
  process.on('warning', onWarning);
});

afterAll(async () => {
  process.off('warning', onWarning);
  await fake.close();
});

it('runs and follow-ups end without a MaxListenersExceededWarning on Claude Code processes', async () => {
  const harness = await startEngine(fake.url, { warmSpare: true });
  try {
    const task = await harness.call('tasks.create', {
      title: 'lists',
      prompt: '[scenario:bash command=echo%20listed]',
      cwd: tempDir('w'),
      allowedTools: ['Bash'],
    });
    for (let round = 0; round < 3; round++) {
      const run = await harness.call('tasks.run', { taskId: task.id });
      const done = await harness.waitForRun(run.id, ['succeeded', 'failed']);
      expect(done.status, done.error ?? '').toBe('succeeded');
      const next = await harness.call('runs.followUp', { runId: run.id, prompt: 'again' });
      const followed = await harness.waitForRun(next.id, ['succeeded', 'failed']);
      expect(followed.status, followed.error ?? '').toBe('succeeded');
    }
  } finally {
    await harness.stop();
  }
  // Warnings are emitted on the next tick after the listener is added.
  await new Promise((resolve) => setImmediate(resolve));
  const leaks = warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning');
  expect(leaks.map((warning) => warning.message)).toEqual([]);
});
