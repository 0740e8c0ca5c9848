// Live cost and budgets in flight with the REAL Claude Code binary against the fake API: a run's
// cost rises while it streams, and runs whose live spend crosses the daily budget are stopped as
// interrupted, saying why, and can be continued anyway.
import { describe, expect, it } from 'vitest';
import { MemorySettingsBackend } from '../fakes/memory-settings-backend';
import { tempDir } from '../support/claude-env';
import { startEngine, type EngineHarness } from '../support/engine-harness';
import { freshEngineStacks } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';

const startStack = freshEngineStacks();

async function setup(): Promise<EngineHarness> {
  return (await startStack()).harness;
}

async function newTask(h: EngineHarness, prompt: string) {
  return h.call('tasks.create', { title: prompt.slice(0, 40), prompt, cwd: tempDir('work') });
}

describe('cost while streaming and budgets in flight', () => {
  it('raises a run’s cost while it streams and settles on Claude Code’s total', async () => {
    const h = await setup();
    const task = await newTask(h, '[scenario:slow words=40 delay=120]');
    const run = await h.call('tasks.run', { taskId: task.id });

    const live = await waitFor(
      'a live cost while running',
      async () => {
        const current = await h.call('runs.get', { runId: run.id });
        return current.status === 'running' && current.costUsd > 0 ? current : undefined;
      },
      45_000,
    );
    expect(live.endedAt).toBeNull();

    const done = await h.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const events = await h.call('runs.events', { runId: run.id });
    const result = events.find((e) => e.type === 'result');
    expect(result?.type === 'result' ? result.costUsd : -1).toBe(done.costUsd);
    // The estimate from published prices is close to what Claude Code itself reported.
    expect(live.costUsd).toBeLessThanOrEqual(done.costUsd * 1.5);
  }, 90_000);

  it('stops two running runs that cross a $0.01 daily budget, says why, and continues one anyway', async () => {
    const h = await setup();
    await h.call('settings.update', { concurrency: 2, budgets: { dailyUsd: 0.01 } });
    const a = await newTask(h, '[scenario:slow words=80 delay=150] first');
    const b = await newTask(h, '[scenario:slow words=80 delay=150] second');
    const runA = await h.call('tasks.run', { taskId: a.id });
    const runB = await h.call('tasks.run', { taskId: b.id });

    const stoppedA = await h.waitForRun(runA.id, ['interrupted', 'succeeded', 'failed'], 60_000);
    const stoppedB = await h.waitForRun(runB.id, ['interrupted', 'succeeded', 'failed'], 60_000);
    for (const stopped of [stoppedA, stoppedB]) {
      expect(stopped.status).toBe('interrupted');
      expect(stopped.error).toMatch(/Daily budget of \$0\.01 reached/);
      expect(stopped.error).toMatch(/Continue anyway/);
      expect(stopped.startedAt).not.toBeNull();
    }
    const events = await h.call('runs.events', { runId: runA.id });
    expect(events.some((e) => e.type === 'status' && e.status === 'interrupted')).toBe(true);

    // New runs wait for the budget; "continue anyway" resumes the session regardless.
    const held = await h.call('tasks.run', { taskId: a.id });
    await waitFor('the new run to be held by the budget', async () => {
      const run = await h.call('runs.get', { runId: held.id });
      return run.heldReason?.includes('Daily budget') ? run : undefined;
    });
    await h.call('runs.cancel', { runId: held.id });
    const continued = await h.call('runs.startNow', { runId: runA.id });
    expect(continued.parentRunId).toBe(runA.id);
    expect(continued.trigger.kind).toBe('resume');
    const done = await h.waitForRun(continued.id, ['succeeded', 'failed', 'interrupted'], 60_000);
    expect(done.status).toBe('succeeded');
    expect(done.sessionId).toBe(stoppedA.sessionId);
  }, 150_000);

  it('holds a trigger’s runs once they spent its own daily budget, and no other runs', async () => {
    const h = await setup();
    const task = await newTask(h, '[scenario:text say=tick]');
    const trigger = await h.call('triggers.create', {
      taskId: task.id,
      kind: 'cron',
      cron: '* * * * * *',
      dailyBudgetUsd: 0.01,
    });
    expect(trigger.dailyBudgetUsd).toBe(0.01);
    const runsOf = () => h.call('runs.list', { taskId: task.id });
    const first = await waitFor('a first cron run', async () => (await runsOf()).at(-1));
    expect((await h.waitForRun(first.id, ['succeeded', 'failed'])).costUsd).toBeGreaterThan(0.01);

    const held = await waitFor('the next cron run to be held', async () =>
      (await runsOf()).find((r) => r.id !== first.id && r.heldReason?.includes('trigger')),
    );
    expect(held.status).toBe('queued');
    expect(held.heldReason).toMatch(/This trigger's daily budget of \$0\.01 is reached/);
    await h.call('triggers.update', { triggerId: trigger.id, enabled: false });

    // A run started by hand is not this trigger's: it runs.
    const manual = await h.call('tasks.run', { taskId: task.id });
    expect((await h.waitForRun(manual.id, ['succeeded', 'failed'])).status).toBe('succeeded');
    expect((await h.call('runs.get', { runId: held.id })).status).toBe('queued');

    // The person can still run it anyway.
    await h.call('runs.startNow', { runId: held.id });
    expect((await h.waitForRun(held.id, ['succeeded', 'failed'])).status).toBe('succeeded');
  }, 120_000);

  it('keeps "run anyway" across a restart: a run the person let through is not held again', async () => {
    const { fake } = await startStack();
    const place = { dataDir: tempDir('anyway'), settings: new MemorySettingsBackend() };
    const env = { CLAUDE_CONFIG_DIR: tempDir('claude-config') };
    let h = await startEngine(fake.url, { ...place, env });
    await h.call('settings.update', { concurrency: 1, budgets: { dailyUsd: 0.01 } });
    // One run spends past the day's budget (and is stopped in flight for it).
    const spender = await newTask(h, '[scenario:text say=spent]');
    const spent = await h.call('tasks.run', { taskId: spender.id });
    const ended = await h.waitForRun(spent.id, ['succeeded', 'failed', 'interrupted']);
    expect(ended.costUsd).toBeGreaterThan(0.01);

    // Two runs held by the budget, both let through: one takes the only slot, one waits for it.
    const busy = await newTask(h, '[scenario:slow words=400 delay=150] busy');
    const later = await newTask(h, '[scenario:text say=let%20through]');
    const first = await h.call('tasks.run', { taskId: busy.id });
    const second = await h.call('tasks.run', { taskId: later.id });
    for (const run of [first, second]) {
      await waitFor('the budget to hold it', async () => {
        const current = await h.call('runs.get', { runId: run.id });
        return current.heldReason?.includes('Daily budget') ? current : undefined;
      });
    }
    await h.call('runs.startNow', { runId: first.id });
    await h.waitForRun(first.id, ['running']);
    await h.call('runs.startNow', { runId: second.id });
    expect((await h.call('runs.get', { runId: second.id })).status).toBe('queued');

    // The engine stops and starts again on the same folder: the second run starts, unheld.
    await h.stop();
    h = await startEngine(fake.url, { ...place, env });
    try {
      const done = await h.waitForRun(second.id, ['succeeded', 'failed', 'interrupted'], 60_000);
      expect(done.status).toBe('succeeded');
      expect(done.heldReason).toBeNull();
    } finally {
      await h.stop();
    }
  }, 150_000);
});
