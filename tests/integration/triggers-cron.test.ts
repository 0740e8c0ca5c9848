// Cron triggers through the built server with real timers: a seconds-field schedule fires on its
// slots and stops when deleted; the skip policy counts firings dropped during a slow run.
import { describe, expect, it } from 'vitest';
import type { OverlapPolicy, Run } from '../../src/shared/domain';
import { cancelIfGoing, sharedServe, waitFor } from '../support/serve-process';
import { must } from '../support/must';
import { newTriggerTask, triggerOfKind } from '../support/trigger-suites';

const stack = sharedServe();
const newTask = (prompt: string, overlapPolicy: OverlapPolicy) =>
  newTriggerTask(stack.serve, 'cron', prompt, overlapPolicy);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runsOf(taskId: string): Promise<Run[]> {
  return (await stack.serve.call('runs.list', { taskId })).sort(
    (a, b) => a.createdAt - b.createdAt,
  );
}

async function cancelAll(taskId: string): Promise<void> {
  for (const run of await runsOf(taskId)) await cancelIfGoing(stack.serve, run.id);
  await waitFor(
    'the runs to end',
    async () =>
      (await runsOf(taskId)).every((r) => ['succeeded', 'failed', 'cancelled'].includes(r.status)),
    30_000,
  );
}

describe('cron triggers', () => {
  it('fires on its slots every two seconds and stops when deleted', async () => {
    const task = await newTask('[scenario:text say=tick]', 'parallel');
    const asked = Date.now();
    const trigger = triggerOfKind(
      await stack.serve.call('triggers.create', {
        taskId: task.id,
        kind: 'cron',
        cron: '*/2 * * * * *',
        timezone: 'UTC',
      }),
      'cron',
    );
    const answered = Date.now();
    expect(trigger).toMatchObject({ status: 'active', timezone: 'UTC', cron: '*/2 * * * * *' });
    expect(trigger.nextFireTimes).toHaveLength(5);
    const next = must(trigger.nextFireTimes[0], 'a next fire time');
    expect(next % 2000).toBe(0);
    // The next slot after the moment the server took the request (somewhere in between).
    expect(next).toBeGreaterThan(asked);
    expect(next - answered).toBeLessThanOrEqual(2000);
    expect(
      trigger.nextFireTimes
        .slice(1)
        .map((t, i) => t - must(trigger.nextFireTimes[i], 'a fire time')),
    ).toEqual([2000, 2000, 2000, 2000]);

    const fired = await waitFor(
      'two scheduled runs',
      async () => {
        const runs = await runsOf(task.id);
        return runs.length >= 2 ? runs : undefined;
      },
      15_000,
    );
    for (const run of fired) {
      expect(run.trigger.kind).toBe('cron');
      expect(run.trigger.triggerId).toBe(trigger.id);
      const slotAt = run.trigger.detail?.slotAt as number;
      expect(slotAt % 2000).toBe(0);
      expect(run.trigger.detail?.slot).toBe(new Date(slotAt).toISOString());
      // Created within its own 2-second slot (a busy machine may delay it), never before it.
      expect(run.createdAt).toBeGreaterThanOrEqual(slotAt);
      expect(run.createdAt - slotAt).toBeLessThan(2000);
    }
    const slots = fired.map((run) => run.trigger.detail?.slotAt as number);
    expect(must(slots[1], 'a second slot') - must(slots[0], 'a first slot')).toBe(2000);
    expect(slots[0]).toBe(next);

    expect(await stack.serve.call('triggers.delete', { triggerId: trigger.id })).toEqual({
      ok: true,
    });
    const deletedAt = Date.now();
    const countAtDelete = (await runsOf(task.id)).length;
    await sleep(5000);
    const after = await runsOf(task.id);
    expect(after).toHaveLength(countAtDelete);
    expect(after.every((run) => run.createdAt <= deletedAt)).toBe(true);
    const gone = await stack.serve.request('/rpc/triggers.get', {
      method: 'POST',
      body: JSON.stringify({ triggerId: trigger.id }),
    });
    expect(gone.status).toBe(404);
    await cancelAll(task.id);
  });

  it('skips and counts firings while a slow run of the task is unfinished (overlap: skip)', async () => {
    const task = await newTask('[scenario:slow words=80 delay=200]', 'skip');
    const trigger = await stack.serve.call('triggers.create', {
      taskId: task.id,
      kind: 'cron',
      cron: '* * * * * *',
      timezone: 'UTC',
    });
    const [first] = await waitFor(
      'the first run',
      async () => {
        const runs = await runsOf(task.id);
        return runs.length > 0 ? runs : undefined;
      },
      10_000,
    );
    const view = await waitFor(
      'three skipped firings',
      async () => {
        const current = await stack.serve.call('triggers.get', { triggerId: trigger.id });
        return current.skippedCount >= 3 ? current : undefined;
      },
      15_000,
    );
    await stack.serve.call('triggers.delete', { triggerId: trigger.id });

    const runs = await runsOf(task.id);
    expect(runs).toHaveLength(1);
    expect(['queued', 'running', 'waiting']).toContain(runs[0]?.status);
    expect(view.firedCount).toBe(1);
    expect(view.lastRunId).toBe(first?.id);
    expect(view.lastSkippedAt).toBeGreaterThan(must(first, 'the first run').createdAt);
    await cancelAll(task.id);
  });

  it('refuses a bad schedule with a 400 naming the field and saying what is wrong', async () => {
    const task = await newTask('[scenario:text]', 'skip');
    const bad = async (input: Record<string, unknown>) => {
      const response = await stack.serve.request('/rpc/triggers.create', {
        method: 'POST',
        body: JSON.stringify({ taskId: task.id, ...input }),
      });
      return {
        status: response.status,
        error: ((await response.json()) as { error: { field?: string; message: string } }).error,
      };
    };
    const minute = await bad({ kind: 'cron', cron: '61 * * * *' });
    expect(minute.status).toBe(400);
    expect(minute.error.field).toBe('cron');
    expect(minute.error.message).toContain('minute field "61"');
    const fields = await bad({ kind: 'cron', cron: '* * *' });
    expect(fields.error).toMatchObject({ field: 'cron' });
    expect(fields.error.message).toContain('has 3 fields');
    const zone = await bad({ kind: 'cron', cron: '0 9 * * *', timezone: 'Moon/Base' });
    expect(zone).toMatchObject({ status: 400, error: { field: 'timezone' } });
    const kind = await bad({ kind: 'sometimes' });
    expect(kind).toMatchObject({ status: 400, error: { field: 'kind' } });

    const preview = await stack.serve.call('triggers.preview', {
      cron: '0 9 * * 1-5',
      timezone: 'Europe/Berlin',
    });
    expect(preview.nextFireTimes).toHaveLength(5);
    for (const at of preview.nextFireTimes) {
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      }).format(at);
      expect(parts).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    }
    expect(await stack.serve.call('triggers.list', { taskId: task.id })).toEqual([]);
  });
});
