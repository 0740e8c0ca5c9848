// A retry still counting down survives a stop and a crash: a 529 fails a run, serve gets SIGTERM
// (or SIGKILL) during the retry's backoff, and after a restart the retry starts at its time (not
// before) and the run recovers. Real serve process, real Claude Code binary, fake API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Run } from '../../src/shared/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { tempDir } from '../support/claude-env';
import { startServe, waitFor, type ServeProcess } from '../support/serve-process';

let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});

afterAll(async () => {
  await fake.close();
});

function childRun(serve: ServeProcess, taskId: string, parentRunId: string) {
  return serve
    .call('runs.list', { taskId })
    .then((runs) => runs.find((run) => run.parentRunId === parentRunId));
}

it.each(['SIGTERM', 'SIGKILL'] as const)(
  'a retry counting down when serve gets %s still happens after the restart',
  async (signal) => {
    const dataDir = tempDir('retry-stop');
    // Claude Code's own retries would take minutes against failing replies; the config folder is
    // kept so the retry can resume the session.
    const env = { CLAUDE_CONFIG_DIR: tempDir('claude-config'), CLAUDE_CODE_MAX_RETRIES: '0' };
    const first = await startServe({ fakeUrl: fake.url, dataDir, env });
    let second: ServeProcess | undefined;
    try {
      const task = await first.call('tasks.create', {
        title: 'flaky',
        prompt: '[scenario:flaky status=529]',
        cwd: tempDir('w'),
        runPolicy: { transientRetries: 1 },
      });
      const run = await first.call('tasks.run', { taskId: task.id });
      // The first retry waits 10 s ± 50 % (the product's own backoff).
      const failed = await waitFor(
        'the run to fail with a retry counting down',
        async () => {
          const current = await first.call('runs.get', { runId: run.id });
          return current.status === 'failed' && current.retryAt !== null ? current : undefined;
        },
        60_000,
      );
      const retryAt = failed.retryAt ?? 0;
      expect(retryAt - Date.now()).toBeGreaterThan(1_000);
      await first.stop(signal);
      if (signal === 'SIGTERM') expect(first.child.exitCode).toBe(0);
      const requestsWhileStopped = fake.requests.length;

      second = await startServe({ fakeUrl: fake.url, dataDir, env });
      const restarted = second;
      const kept = await restarted.call('runs.get', { runId: run.id });
      expect(kept.retryAt).toBe(retryAt);
      expect(fake.requests.length).toBe(requestsWhileStopped);

      const retry = await waitFor(
        'the retry run',
        () => childRun(restarted, task.id, run.id),
        retryAt - Date.now() + 30_000,
      );
      expect(retry.trigger).toMatchObject({
        kind: 'resume',
        detail: { retry: 1, retryOf: run.id },
      });
      // Started at its time, not at once when serve came back.
      expect(retry.createdAt).toBeGreaterThanOrEqual(retryAt);
      const done = await waitFor(
        'the retry to finish',
        async () => {
          const current = await restarted.call('runs.get', { runId: retry.id });
          return (['succeeded', 'failed'] as Run['status'][]).includes(current.status)
            ? current
            : undefined;
        },
        60_000,
      );
      expect(done.status, done.error ?? '').toBe('succeeded');
      expect(done.result).toContain('Recovered on retry');
      expect((await restarted.call('runs.get', { runId: run.id })).retryAt).toBeNull();
      expect(await restarted.call('runs.list', { taskId: task.id })).toHaveLength(2);
    } finally {
      await first.stop('SIGKILL');
      await second?.stop();
    }
  },
);

it('cancelling a failed run calls off the retry counting down', async () => {
  const dataDir = tempDir('retry-off');
  const env = { CLAUDE_CONFIG_DIR: tempDir('claude-config'), CLAUDE_CODE_MAX_RETRIES: '0' };
  const serve = await startServe({ fakeUrl: fake.url, dataDir, env });
  try {
    const task = await serve.call('tasks.create', {
      title: 'flaky',
      prompt: '[scenario:flaky status=529]',
      cwd: tempDir('w'),
    });
    const run = await serve.call('tasks.run', { taskId: task.id });
    const failed = await waitFor(
      'the run to fail with a retry counting down',
      async () => {
        const current = await serve.call('runs.get', { runId: run.id });
        return current.status === 'failed' && current.retryAt !== null ? current : undefined;
      },
      60_000,
    );
    const called = await serve.call('runs.cancel', { runId: run.id });
    expect(called.status).toBe('failed');
    expect(called.retryAt).toBeNull();
    // Past the retry's time: none came.
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, (failed.retryAt ?? 0) - Date.now()) + 2_000),
    );
    expect(await serve.call('runs.list', { taskId: task.id })).toHaveLength(1);
  } finally {
    await serve.stop();
  }
});
