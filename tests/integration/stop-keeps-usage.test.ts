// Stop in the middle of a streaming answer, with the REAL Claude Code binary and the fake API: the
// stored token counts are at least what was shown live, and the stored cost agrees with them —
// also when Claude Code never answers the Stop with a result (it is frozen, then killed).
import { describe, expect, it } from 'vitest';
import type { Run, RunEvent } from '../../src/shared/domain';
import { estimateCostUsd } from '../../src/main/engine/costs/model-prices';
import { tempDir } from '../support/claude-env';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';

const stack = sharedEngineStack();

function tokens(run: Run): number {
  const u = run.usage;
  return u.inputTokens + u.cacheReadInputTokens + u.cacheCreationInputTokens;
}

describe('Stop keeps the numbers shown live', () => {
  it('keeps the live token counts after a mid-stream Stop, and the cost agrees with them', async () => {
    const task = await stack.harness.call('tasks.create', {
      title: 'Stop keeps tokens',
      prompt: '[scenario:slow words=300 delay=80]',
      cwd: tempDir('work'),
    });
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    await waitFor('streamed text', async () => {
      const list: RunEvent[] = await stack.harness.call('runs.events', { runId: run.id });
      return list.some((e) => e.type === 'text');
    });
    const live = await waitFor('live token counts', async () => {
      const current = await stack.harness.call('runs.get', { runId: run.id });
      return tokens(current) > 0 && current.usage.outputTokens > 0 ? current : undefined;
    });
    expect(live.status).toBe('running');
    // The last live figures the panel saw before Stop (run.updated pushes).
    const shown = () =>
      stack.harness.events.flatMap((e) =>
        e.type === 'run.updated' && e.payload.id === run.id ? [e.payload] : [],
      );

    await stack.harness.call('runs.cancel', { runId: run.id });
    const done = await stack.harness.waitForRun(run.id, ['cancelled', 'succeeded', 'failed']);
    expect(done.status).toBe('cancelled');
    const lastLive = shown()
      .filter((r) => r.status === 'running')
      .at(-1);
    expect(lastLive).toBeDefined();
    if (!lastLive) return;

    expect(tokens(done)).toBeGreaterThanOrEqual(tokens(lastLive));
    expect(done.usage.outputTokens).toBeGreaterThanOrEqual(lastLive.usage.outputTokens);
    expect(tokens(done)).toBeGreaterThan(0);
    expect(done.costUsd).toBeGreaterThan(0);
    // The cost is the one the token figures give, not a figure from another count.
    expect(done.costUsd).toBeCloseTo(estimateCostUsd(done.model, done.usage), 6);
    // What the panel shows last is what is stored.
    const lastShown = shown().at(-1);
    expect(lastShown?.usage).toEqual(done.usage);
    expect(lastShown?.costUsd).toBe(done.costUsd);
  });

  it('keeps the live figures when Claude Code ends without any result', async () => {
    const task = await stack.harness.call('tasks.create', {
      title: 'Stop a frozen session',
      prompt: '[scenario:slow words=300 delay=80]',
      cwd: tempDir('work'),
    });
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    await waitFor('live token counts', async () => {
      const current = await stack.harness.call('runs.get', { runId: run.id });
      return tokens(current) > 0 ? current : undefined;
    });
    const pid = stack.harness.engine.services.store.runs.get(run.id)?.pid ?? null;
    expect(pid).not.toBeNull();
    if (pid === null) return;
    // Frozen, it cannot answer the interrupt: after the grace period it is killed, no result.
    process.kill(pid, 'SIGSTOP');
    await stack.harness.call('runs.cancel', { runId: run.id });
    const done = await stack.harness.waitForRun(run.id, ['cancelled', 'succeeded', 'failed']);
    expect(done.status).toBe('cancelled');
    const list: RunEvent[] = await stack.harness.call('runs.events', { runId: run.id });
    expect(list.some((e) => e.type === 'result')).toBe(false);

    const lastLive = stack.harness.events
      .flatMap((e) => (e.type === 'run.updated' && e.payload.id === run.id ? [e.payload] : []))
      .filter((r) => r.status === 'running')
      .at(-1);
    expect(tokens(done)).toBeGreaterThan(0);
    expect(done.usage).toEqual(lastLive?.usage);
    expect(done.costUsd).toBe(lastLive?.costUsd);
    expect(done.costUsd).toBeCloseTo(estimateCostUsd(done.model, done.usage), 6);
  });
});
