// A run on an SSH place that the plan window refuses parks like one here, and carries on by itself
// on the far side after the reset: the real Claude Code binary on a plan login
// (CLAUDE_CODE_OAUTH_TOKEN, sent over the wrapper's first input line) against the fake API's plan
// window, reached through ssh's reverse tunnel.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PLAN_LOGIN_ENV, tempDir } from '../../support/claude-env';
import { freshEngineStacks } from '../../support/engine-stack';
import { waitFor } from '../../support/serve-process';
import { SSHD_WAIT_MS, startTestSshd, type TestSshd } from '../../support/test-sshd';

const startStack = freshEngineStacks();
let sshd: TestSshd;

// Another file may hold the shared far user for a while (two files run at once).
beforeAll(async () => {
  sshd = await startTestSshd();
}, SSHD_WAIT_MS);
afterAll(async () => {
  await sshd.stop();
});

it('parks a refused run on the far side, then carries on there after the reset', async () => {
  const { fake, harness } = await startStack({ planWindow: true }, { env: PLAN_LOGIN_ENV });
  const place = await harness.call('places.create', {
    name: 'Far box',
    ssh: sshd.config(sshd.newFolder()),
  });
  const first = await harness.call('places.test', { placeId: place.id });
  await harness.call('places.trustHostKey', {
    placeId: place.id,
    fingerprint: first.hostKey.fingerprint ?? '',
  });
  // Long enough for a loaded machine to connect and start Claude Code there before the reset.
  fake.plan.exhaustFor(30_000);
  const resetAt = fake.plan.fiveHourReset;
  const task = await harness.call('tasks.create', {
    title: 'far plan',
    prompt: '[scenario:text say=Finished%20far%20away]',
    cwd: tempDir('local'),
    placeId: place.id,
  });
  const { id } = await harness.call('tasks.run', { taskId: task.id });
  const parked = await waitFor(
    `run ${id} to be parked`,
    async () => {
      const now = await harness.call('runs.get', { runId: id });
      return now.status === 'waiting' && now.parkedUntil !== null ? now : undefined;
    },
    45_000,
  );
  expect(parked.heldReason).toMatch(/5-hour limit is used up/);
  expect(parked.place?.id).toBe(place.id);
  // Parked means no session: nothing of the run waits on the far side.
  await waitFor(
    'nothing on the far side while parked',
    () => sshd.farProcesses().every((p) => p.command.startsWith('sshd')),
    10_000,
  );

  const done = await harness.waitForRun(id, ['succeeded', 'failed'], 90_000);
  expect(done.status).toBe('succeeded');
  expect(done.result).toContain('Finished far away');
  expect(done.startedAt).toBeGreaterThanOrEqual(resetAt);
  expect(done.place?.id).toBe(place.id);
}, 180_000);
