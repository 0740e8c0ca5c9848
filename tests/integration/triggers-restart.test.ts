// Triggers survive a restart of the built server on the same data folder: schedules come back
// and fire again, and slots missed while it was down are caught up once, not once per slot.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../src/shared/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { tempDir } from '../support/claude-env';
import { cancelIfGoing, startServe, waitFor, type ServeProcess } from '../support/serve-process';
import { must } from '../support/must';

const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let fake: FakeAnthropic;
let serve: ServeProcess | undefined;

beforeAll(async () => {
  fake = await startFakeAnthropic();
});

afterAll(async () => {
  await serve?.stop();
  await fake.close();
});

async function runsOf(server: ServeProcess, taskId: string): Promise<Run[]> {
  return (await server.call('runs.list', { taskId })).sort((a, b) => a.createdAt - b.createdAt);
}

describe('triggers across a restart', () => {
  it('come back, catch up once for the downtime, and keep firing', async () => {
    const dataDir = tempDir('restart-data');
    const token = 'restart-token';
    const first = await startServe({ fakeUrl: fake.url, dataDir, token });
    serve = first;
    const newTask = (title: string) =>
      first.call('tasks.create', {
        title,
        prompt: '[scenario:text say=scheduled]',
        cwd: tempDir('restart-work'),
        overlapPolicy: 'parallel',
      });
    const hourlyTask = await newTask('Hourly report');
    const frequentTask = await newTask('Every two seconds');
    const hourly = await first.call('triggers.create', {
      taskId: hourlyTask.id,
      kind: 'cron',
      cron: '0 * * * *',
      timezone: 'UTC',
    });
    const frequent = await first.call('triggers.create', {
      taskId: frequentTask.id,
      kind: 'cron',
      cron: '*/2 * * * * *',
      timezone: 'UTC',
    });
    await waitFor(
      'the frequent schedule to fire before the restart',
      async () => (await runsOf(first, frequentTask.id)).length > 0,
      10_000,
    );
    expect(await runsOf(first, hourlyTask.id)).toHaveLength(0);

    await first.stop();
    const stoppedAt = Date.now();
    // Simulated downtime for the hourly schedule: as if the app had been closed for 3.5 hours.
    const db = new Database(join(dataDir, 'switchboard.sqlite'));
    db.prepare('UPDATE triggers SET cursor_at = ?, created_at = ? WHERE id = ?').run(
      stoppedAt - 3.5 * HOUR,
      stoppedAt - 3.5 * HOUR,
      hourly.id,
    );
    db.close();
    // Real downtime for the frequent one: a few of its 2-second slots pass while nothing runs.
    await sleep(5000);

    const second = await startServe({ fakeUrl: fake.url, dataDir, token });
    serve = second;
    const restartedAt = Date.now();
    const listed = await second.call('triggers.list', {});
    expect(listed.map((t) => t.id).sort()).toEqual([hourly.id, frequent.id].sort());
    expect(listed.every((t) => t.status === 'active')).toBe(true);

    const [catchUp] = await waitFor(
      'the hourly catch-up run',
      async () => {
        const runs = await runsOf(second, hourlyTask.id);
        return runs.length > 0 ? runs : undefined;
      },
      10_000,
    );
    expect(catchUp?.trigger).toMatchObject({
      kind: 'cron',
      triggerId: hourly.id,
      detail: { catchUp: true },
    });
    const detail = catchUp?.trigger.detail ?? {};
    // Slots 3.5 h apart hold three hour marks (four if one more passed during the downtime).
    expect(detail.missedSlots).toBeGreaterThanOrEqual(3);
    expect(detail.missedSlots).toBeLessThanOrEqual(4);
    expect(String(detail.reason)).toContain('catch-up');
    const slotAt = detail.slotAt as number;
    expect(slotAt % HOUR).toBe(0);
    expect(stoppedAt - slotAt).toBeLessThan(HOUR);

    // The frequent schedule: one catch-up for the downtime, then ordinary slots again.
    const afterRestart = await waitFor(
      'ordinary firings after the restart',
      async () => {
        const runs = (await runsOf(second, frequentTask.id)).filter(
          (run) => run.createdAt >= restartedAt - 2000,
        );
        return runs.filter((run) => run.trigger.detail?.catchUp !== true).length >= 2
          ? runs
          : undefined;
      },
      15_000,
    );
    const catchUps = afterRestart.filter((run) => run.trigger.detail?.catchUp === true);
    expect(catchUps).toHaveLength(1);
    const downtimeCatchUp = must(catchUps[0], 'a catch-up run');
    expect(downtimeCatchUp.trigger.detail?.missedSlots).toBeGreaterThanOrEqual(2);
    expect(downtimeCatchUp.trigger.detail?.slotAt as number).toBeLessThan(restartedAt);
    const ordinary = afterRestart.filter((run) => run.trigger.detail?.catchUp !== true);
    for (const run of ordinary) expect((run.trigger.detail?.slotAt as number) % 2000).toBe(0);

    // Nothing more is owed for the hourly schedule: still exactly one catch-up.
    expect(await runsOf(second, hourlyTask.id)).toHaveLength(1);
    const firings = await second.call('triggers.firings', { triggerId: hourly.id });
    expect(firings.map((f) => [f.outcome, f.runId])).toEqual([['started', catchUp?.id]]);

    await second.call('triggers.delete', { triggerId: frequent.id });
    for (const run of await runsOf(second, frequentTask.id)) await cancelIfGoing(second, run.id);
  });
});
