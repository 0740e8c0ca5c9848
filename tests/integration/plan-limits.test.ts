// Plan windows with the REAL Claude Code binary on a plan login (CLAUDE_CODE_OAUTH_TOKEN) against
// the fake API's plan window: a refused run parks and carries on by itself after the reset, a cron
// firing waits for the reset without reaching the API, and a 95 % warning holds scheduled runs only.
import { describe, expect, it } from 'vitest';
import type { Run } from '../../src/shared/domain';
import type { FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { PLAN_LOGIN_ENV, tempDir } from '../support/claude-env';
import type { EngineHarness } from '../support/engine-harness';
import { freshEngineStacks, type EngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';

const startStack = freshEngineStacks();

function planSetup(): Promise<EngineStack> {
  return startStack({ planWindow: true }, { env: PLAN_LOGIN_ENV });
}

async function newTask(h: EngineHarness, prompt: string) {
  return h.call('tasks.create', { title: prompt.slice(0, 40), prompt, cwd: tempDir('work') });
}

function requestsSoFar(f: FakeAnthropic): number {
  return f.requests.filter((r) => r.path === '/v1/messages').length;
}

/** Uses up the 5-hour window for `ms`, then runs a task into it: the run is refused and parked. */
async function parkedRun(
  { fake, harness }: EngineStack,
  ms: number,
  prompt: string,
): Promise<{ resetAt: number; run: Run }> {
  fake.plan.exhaustFor(ms);
  const resetAt = fake.plan.fiveHourReset;
  const task = await newTask(harness, prompt);
  const { id } = await harness.call('tasks.run', { taskId: task.id });
  const run = await waitFor(
    `run ${id} to be parked`,
    async () => {
      const now = await harness.call('runs.get', { runId: id });
      return now.status === 'waiting' && now.parkedUntil !== null ? now : undefined;
    },
    45_000,
  );
  return { resetAt, run };
}

/** A task with a trigger firing every second, and the first run that trigger makes. */
async function firstCronRun(harness: EngineHarness, prompt: string) {
  const task = await newTask(harness, prompt);
  const trigger = await harness.call('triggers.create', {
    taskId: task.id,
    kind: 'cron',
    cron: '* * * * * *',
  });
  const run = await waitFor('a cron run', async () => {
    const runs = await harness.call('runs.list', { taskId: task.id });
    return runs.find((r) => r.trigger.kind === 'cron');
  });
  return { trigger, run };
}

describe('plan windows', () => {
  it('parks a refused run with its reset time, then carries on by itself after the reset', async () => {
    const stack = await planSetup();
    const { fake, harness } = stack;
    const { resetAt, run: waiting } = await parkedRun(
      stack,
      8_000,
      '[scenario:text say=Finished%20after%20the%20reset]',
    );
    expect(waiting.parkedUntil).toBeGreaterThanOrEqual(resetAt - 1_000);
    expect(waiting.parkedUntil).toBeLessThanOrEqual(resetAt + 1_000);
    expect(waiting.heldReason).toMatch(/5-hour limit is used up/);
    expect(waiting.planWindow).toBe('five_hour');
    expect(waiting.error).toBeNull();
    const atPark = requestsSoFar(fake);

    const limits = await harness.call('limits.get', {});
    expect(limits.available).toBe(true);
    expect(limits.exhausted).toMatchObject({ window: 'five_hour' });
    expect(limits.fiveHour?.status).toBe('rejected');
    expect(harness.events.some((e) => e.type === 'limits.updated')).toBe(true);

    // Nothing reaches the API while it waits.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(requestsSoFar(fake)).toBe(atPark);

    const done = await harness.waitForRun(waiting.id, ['succeeded', 'failed'], 60_000);
    expect(done.status).toBe('succeeded');
    expect(done.result).toContain('Finished after the reset');
    expect(done.startedAt).toBeGreaterThanOrEqual(resetAt);
    expect(done.parkedUntil).toBeNull();
    // The refusal, then the continued session: a handful of requests, no hammering.
    expect(fake.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(2);
    expect(requestsSoFar(fake)).toBeLessThanOrEqual(6);

    const events = await harness.call('runs.events', { runId: waiting.id });
    const statuses = events.flatMap((e) => (e.type === 'status' ? [e.status] : []));
    expect(statuses).toEqual(['queued', 'running', 'waiting', 'queued', 'running', 'succeeded']);
    expect((await harness.call('limits.get', {})).exhausted).toBeNull();
  }, 120_000);

  it('holds a cron firing during an exhausted window until the reset, without reaching the API', async () => {
    const stack = await planSetup();
    const { fake, harness } = stack;
    const { resetAt, run: firstRun } = await parkedRun(stack, 10_000, '[scenario:text say=first]');

    const { run: cronRun } = await firstCronRun(
      harness,
      '[scenario:text say=scheduled%20work%20done]',
    );
    const held = await waitFor('the cron run to be held', async () => {
      const run = await harness.call('runs.get', { runId: cronRun.id });
      return run.status === 'queued' && run.heldReason !== null ? run : undefined;
    });
    expect(held.heldReason).toMatch(/5-hour limit is used up/);
    expect((await harness.call('limits.get', {})).hold?.kind).toBe('plan');

    const scheduledRequests = () =>
      fake.requests.filter((r) => r.lastUserText.includes('scheduled') || r.status === 200).length;
    expect(scheduledRequests()).toBe(0);
    await waitFor(
      'shortly before the reset',
      () => Date.now() >= resetAt - 1_500 || undefined,
      20_000,
    );
    expect(scheduledRequests()).toBe(0);
    expect((await harness.call('runs.get', { runId: cronRun.id })).status).toBe('queued');

    const done = await harness.waitForRun(cronRun.id, ['succeeded', 'failed'], 60_000);
    expect(done.status).toBe('succeeded');
    expect(done.startedAt).toBeGreaterThanOrEqual(resetAt);
    expect(done.result).toContain('scheduled work done');
    expect((await harness.waitForRun(firstRun.id, ['succeeded', 'failed'], 60_000)).status).toBe(
      'succeeded',
    );
  }, 120_000);

  it('holds scheduled runs past the threshold at a 95 % warning, but not a manual run', async () => {
    const { fake, harness } = await planSetup();
    fake.plan.set({ fiveHour: 0.95, sevenDay: 0.4 });
    const task = await newTask(harness, '[scenario:text say=manual%20ok]');
    const manual = await harness.call('tasks.run', { taskId: task.id });
    expect((await harness.waitForRun(manual.id, ['succeeded', 'failed'])).status).toBe('succeeded');

    const limits = await harness.call('limits.get', {});
    expect(limits.fiveHour).toMatchObject({ utilization: 0.95, status: 'allowed_warning' });
    expect(limits.sevenDay?.utilization).toBeCloseTo(0.4);
    expect(limits.fiveHour?.resetsAt).toBeGreaterThan(Date.now());

    const again = await harness.call('tasks.run', { taskId: task.id });
    expect((await harness.waitForRun(again.id, ['succeeded', 'failed'])).status).toBe('succeeded');

    const { trigger, run: cronRun } = await firstCronRun(
      harness,
      '[scenario:text say=scheduled%20ran]',
    );
    await harness.call('triggers.update', { triggerId: trigger.id, enabled: false });
    const before = requestsSoFar(fake);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const held = await harness.call('runs.get', { runId: cronRun.id });
    expect(held.status).toBe('queued');
    expect(held.heldReason).toMatch(/95 % used/);
    expect(requestsSoFar(fake)).toBe(before);

    // The person can still run it anyway.
    const started = await harness.call('runs.startNow', { runId: cronRun.id });
    expect(started.id).toBe(cronRun.id);
    const done = await harness.waitForRun(cronRun.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.planWindow).toBe('five_hour');
  }, 120_000);
});
