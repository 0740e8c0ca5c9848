// Runs that survive, against a real `serve` process, the real Claude Code binary and the fake API:
// kill -9 of the engine leaves no process of a run behind; SIGTERM stops cleanly and keeps the
// queue; a pending approval outlives a crash and the session it came from; transient API
// failures are retried per the task's policy, a 401 is not.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../src/shared/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { tempDir } from '../support/claude-env';
import { startEngine } from '../support/engine-harness';
import { descendants, isClaudeCode, stillRunning } from '../support/process-tree';
import { startServe, untilRunStatus, waitFor, type ServeProcess } from '../support/serve-process';

let fake: FakeAnthropic;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});

afterAll(async () => {
  await fake.close();
});

/** One data folder and Claude config kept across engine restarts, so sessions can resume. */
function place(): { dataDir: string; env: Record<string, string> } {
  return {
    dataDir: tempDir('survive'),
    // Claude Code's own retries would take minutes against failing replies.
    env: { CLAUDE_CONFIG_DIR: tempDir('claude-config'), CLAUDE_CODE_MAX_RETRIES: '0' },
  };
}

function pendingApproval(serve: ServeProcess, runId: string): Promise<Approval> {
  return waitFor(`a pending approval for ${runId}`, async () => {
    const approvals = await serve.call('approvals.list', { status: 'pending' });
    return approvals.find((a) => a.runId === runId);
  });
}

describe('process trees', () => {
  it('kill -9 of the engine during a Bash `sleep 600`: within 10 s no process of the run is left', async () => {
    const { dataDir, env } = place();
    const serve = await startServe({ fakeUrl: fake.url, dataDir, env });
    try {
      const task = await serve.call('tasks.create', {
        title: 'sleeps',
        prompt:
          '[scenario:bash command=echo%20started%20%26%26%20sleep%20600%20%26%26%20echo%20done]',
        cwd: tempDir('w'),
        allowedTools: ['Bash'],
      });
      await serve.call('tasks.run', { taskId: task.id });
      const servePid = serve.child.pid ?? 0;
      const tree = await waitFor('the Bash tool to run sleep 600', () => {
        const rows = descendants(servePid);
        return rows.some((row) => /^sleep 600\b/.test(row.command)) ? rows : undefined;
      });
      const claude = tree.find((row) => isClaudeCode(row) && row.pid === row.pgid);
      expect(claude, JSON.stringify(tree, null, 1)).toBeDefined();
      const runPids = tree.map((row) => row.pid);

      const killedAt = Date.now();
      await serve.stop('SIGKILL');
      const left = await waitFor(
        'every process of the run to be gone',
        () => (stillRunning(runPids).length === 0 ? [] : undefined),
        10_000,
      ).catch(() => stillRunning(runPids));
      expect(left, JSON.stringify(left, null, 1)).toEqual([]);
      expect(Date.now() - killedAt).toBeLessThan(10_000);
    } finally {
      await serve.stop('SIGKILL');
    }
  });
});

describe('clean stop', () => {
  it('SIGTERM with one running and three queued (concurrency 1): exits in < 10 s, starts nothing, and the three run after a restart', async () => {
    const { dataDir, env } = place();
    // The app's default: a warm spare, which the stop must end too.
    const first = await startServe({ fakeUrl: fake.url, dataDir, env, warmSpare: true });
    await first.call('settings.update', { concurrency: 1 });
    const cwd = tempDir('w');
    const slow = await first.call('tasks.create', {
      title: 'slow',
      prompt: '[scenario:slow words=400 delay=100]',
      cwd,
    });
    const quick = await first.call('tasks.create', {
      title: 'quick',
      prompt: '[scenario:text say=queued-run-done]',
      cwd,
    });
    const running = await first.call('tasks.run', { taskId: slow.id });
    const queued = [
      await first.call('tasks.run', { taskId: quick.id }),
      await first.call('tasks.run', { taskId: quick.id }),
      await first.call('tasks.run', { taskId: quick.id }),
    ];
    await waitFor('the slow run to stream', async () => {
      const events = await first.call('runs.events', { runId: running.id });
      return events.some((e) => e.type === 'text') || undefined;
    });
    const servePid = first.child.pid ?? 0;
    const tree = descendants(servePid).map((row) => row.pid);

    const stoppedAt = Date.now();
    const exitCode = new Promise<number | null>((resolve) =>
      first.child.once('exit', (code) => resolve(code)),
    );
    await first.stop('SIGTERM');
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(await exitCode).toBe(0);
    const requestsAtExit = fake.requests.length;
    // A warm spare still starting when the stop came is ended by its abort, and may take a
    // moment more to exit than the engine did; nothing of the tree may be left after that.
    await waitFor('the stopped tree to be gone', () => stillRunning(tree).length === 0, 3_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(fake.requests.length).toBe(requestsAtExit);
    expect(fake.requests.filter((r) => r.lastUserText.includes('queued-run-done'))).toEqual([]);

    const second = await startServe({ fakeUrl: fake.url, dataDir, env });
    try {
      const interrupted = await second.call('runs.get', { runId: running.id });
      expect(interrupted.status).toBe('interrupted');
      for (const run of queued) {
        const done = await untilRunStatus(second, run.id, ['succeeded', 'failed', 'cancelled']);
        expect(done.status, done.error ?? '').toBe('succeeded');
        expect(done.result).toContain('queued-run-done');
      }
    } finally {
      await second.stop();
    }
  });
});

describe('approvals that wait', () => {
  const command = 'echo approved > marker.txt';
  const prompt = `[scenario:retool command=${encodeURIComponent(command)}]`;

  it('a run waiting for approval survives kill -9 and a restart; allowing it runs the command and the run finishes', async () => {
    const { dataDir, env } = place();
    const first = await startServe({ fakeUrl: fake.url, dataDir, env });
    const cwd = tempDir('w');
    const task = await first.call('tasks.create', { title: 'asks', prompt, cwd });
    const run = await first.call('tasks.run', { taskId: task.id });
    const asked = await pendingApproval(first, run.id);
    expect(asked.input).toMatchObject({ command });
    await first.stop('SIGKILL');

    const second = await startServe({ fakeUrl: fake.url, dataDir, env });
    try {
      const waiting = await second.call('runs.get', { runId: run.id });
      expect(waiting.status).toBe('waiting');
      const pending = await second.call('approvals.list', { status: 'pending' });
      expect(pending.map((a) => a.id)).toEqual([asked.id]);
      expect(existsSync(join(cwd, 'marker.txt'))).toBe(false);

      await second.call('approvals.decide', { approvalId: asked.id, decision: 'allow' });
      const done = await untilRunStatus(second, run.id, ['succeeded', 'failed', 'interrupted']);
      expect(done.status, done.error ?? '').toBe('succeeded');
      expect(readFileSync(join(cwd, 'marker.txt'), 'utf8').trim()).toBe('approved');
      // Asked once, decided once: the resumed session's repeat was answered from the record.
      const approvals = await second.call('approvals.list', { runId: run.id });
      expect(approvals.map((a) => [a.id, a.status])).toEqual([[asked.id, 'allowed']]);
      const events = await second.call('runs.events', { runId: run.id });
      expect(events.filter((e) => e.type === 'approval')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'approval_decided')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'tool_result' && !e.isError).length).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('a decision given after Claude Code was killed under the request is applied on resume, without asking again', async () => {
    const { dataDir, env } = place();
    const serve = await startServe({ fakeUrl: fake.url, dataDir, env });
    try {
      // One Claude Code process only, so the one killed is the run's (not a refilled spare).
      await serve.call('settings.update', { performance: { warmSpare: false } });
      const cwd = tempDir('w');
      const task = await serve.call('tasks.create', { title: 'asks', prompt, cwd });
      const run = await serve.call('tasks.run', { taskId: task.id });
      const asked = await pendingApproval(serve, run.id);
      // The run's own process: a spare still closing after the setting changed waits for a claim.
      const claude = descendants(serve.child.pid ?? 0).find(
        (row) =>
          isClaudeCode(row) && !row.command.includes('--await-claim') && row.pid === row.pgid,
      );
      expect(claude).toBeDefined();
      process.kill(-(claude?.pgid ?? 0), 'SIGKILL');

      const waiting = await waitFor('the run to wait without its session', async () => {
        const current = await serve.call('runs.get', { runId: run.id });
        const events = await serve.call('runs.events', { runId: run.id });
        const ended = events.some(
          (e) => e.type === 'status' && e.message?.includes('continues when you decide'),
        );
        return ended ? current : undefined;
      });
      expect(waiting.status).toBe('waiting');
      expect((await serve.call('approvals.list', { status: 'pending' })).map((a) => a.id)).toEqual([
        asked.id,
      ]);

      await serve.call('approvals.decide', { approvalId: asked.id, decision: 'allow' });
      const done = await untilRunStatus(serve, run.id, ['succeeded', 'failed', 'interrupted']);
      expect(done.status, done.error ?? '').toBe('succeeded');
      expect(readFileSync(join(cwd, 'marker.txt'), 'utf8').trim()).toBe('approved');
      const approvals = await serve.call('approvals.list', { runId: run.id });
      expect(approvals).toHaveLength(1);
    } finally {
      await serve.stop();
    }
  });
});

describe('runs carry on by policy', () => {
  it('retries a transient API failure per the task policy, and never a 401', async () => {
    const harness = await startEngine(fake.url, {
      env: { CLAUDE_CODE_MAX_RETRIES: '0' },
      engine: { retryBaseMs: 200 },
    });
    try {
      const cwd = tempDir('w');
      // A session's first prompt gets a 529; the retry (a resume of the session) goes through.
      const flaky = await harness.call('tasks.create', {
        title: 'flaky',
        prompt: '[scenario:flaky status=529]',
        cwd,
      });
      const first = await harness.call('tasks.run', { taskId: flaky.id });
      const failed = await harness.waitForRun(first.id, ['failed', 'succeeded']);
      expect(failed.status).toBe('failed');
      const retry = await waitFor('the retry run', async () => {
        const runs = await harness.call('runs.list', { taskId: flaky.id });
        return runs.find((run) => run.parentRunId === first.id);
      });
      expect(retry.trigger).toMatchObject({ kind: 'resume', detail: { retry: 1 } });
      const recovered = await harness.waitForRun(retry.id, ['failed', 'succeeded']);
      expect(recovered.status, recovered.error ?? '').toBe('succeeded');
      expect(recovered.result).toContain('Recovered on retry');

      // Always 529, two retries allowed: three runs, then it stops trying.
      const overloaded = await harness.call('tasks.create', {
        title: 'overloaded',
        prompt: '[scenario:overloaded]',
        cwd,
        runPolicy: { transientRetries: 2 },
      });
      const o1 = await harness.call('tasks.run', { taskId: overloaded.id });
      const tries = await waitFor(
        'three failed tries',
        async () => {
          const runs = await harness.call('runs.list', { taskId: overloaded.id });
          return runs.length === 3 && runs.every((run) => run.status === 'failed')
            ? runs
            : undefined;
        },
        90_000,
      );
      expect(tries.map((run) => run.trigger.detail?.retry ?? 0).sort()).toEqual([0, 1, 2]);
      expect(tries.some((run) => run.id === o1.id)).toBe(true);

      // A rejected key is not transient.
      const badkey = await harness.call('tasks.create', {
        title: 'bad key',
        prompt: '[scenario:badkey]',
        cwd,
      });
      const b1 = await harness.call('tasks.run', { taskId: badkey.id });
      expect((await harness.waitForRun(b1.id, ['failed', 'succeeded'])).status).toBe('failed');
      // Give a retry (200–300 ms away) ample time to show up, and check that none did.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(await harness.call('runs.list', { taskId: badkey.id })).toHaveLength(1);
      expect((await harness.call('runs.list', { taskId: overloaded.id })).length).toBe(3);
    } finally {
      await harness.stop();
    }
  });
});
