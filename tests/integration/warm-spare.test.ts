// The warm spare with the REAL Claude Code binary against the fake API: a run claims the parked
// process, a new one is prewarmed after, a settings change retires it, and a run that cannot use
// it starts cold and says why in its first event.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/shared/domain';
import { isAlive } from '../../src/main/engine/lifecycle/process-group';
import { tempDir } from '../support/claude-env';
import { startEngine } from '../support/engine-harness';
import { sharedEngineStack } from '../support/engine-stack';
import { must } from '../support/must';
import { waitFor } from '../support/serve-process';

const stack = sharedEngineStack({ warmSpare: true });

const spare = () => must(stack.harness.engine.services.spare, "the engine's warm spare");

/** The parked spare's pid, once one is ready (and, when given, not the one before). */
function readySpare(notPid?: number): Promise<number> {
  return waitFor(
    'a parked warm spare',
    async () => {
      const pid = spare().pid;
      return pid !== null && pid !== notPid ? pid : undefined;
    },
    60_000,
  );
}

async function runTask(prompt: string, extra: Record<string, unknown> = {}, cwd = tempDir('w')) {
  const task = await stack.harness.call('tasks.create', { title: 'Warm', prompt, cwd, ...extra });
  const run = await stack.harness.call('tasks.run', { taskId: task.id });
  const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
  const events = await stack.harness.call('runs.events', { runId: run.id });
  return { done, events };
}

function firstStatus(events: RunEvent[]): string | undefined {
  const status = events.find((e) => e.type === 'status' && e.status === 'running');
  return status?.type === 'status' ? status.message : undefined;
}

function isolatedText(events: RunEvent[]): string {
  return events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
}

describe('the warm spare', () => {
  it('is claimed by the next run, which then has its own session, and is replaced after', async () => {
    const parkedPid = await readySpare();
    const { done, events } = await runTask('[scenario:text say=warm%20hello]');

    expect(done.status).toBe('succeeded');
    expect(firstStatus(events)).toMatch(/^Started on the warm Claude Code process/);
    expect(isolatedText(events)).toContain('warm hello');
    expect(done.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    const session = events.find((e) => e.type === 'session');
    expect(session?.type === 'session' && session.sessionId).toBe(done.sessionId);

    const nextPid = await readySpare(parkedPid);
    expect(isAlive(nextPid)).toBe(true);
    expect(nextPid).not.toBe(parkedPid);
  });

  it('keeps working for a follow-up, which resumes cold in the claimed session', async () => {
    await readySpare();
    const { done } = await runTask('[scenario:text say=first]');
    expect(done.status).toBe('succeeded');
    const follow = await stack.harness.call('runs.followUp', { runId: done.id, prompt: 'again' });
    const second = await stack.harness.waitForRun(follow.id, ['succeeded', 'failed']);
    const events = await stack.harness.call('runs.events', { runId: follow.id });
    expect(second.status).toBe('succeeded');
    expect(firstStatus(events)).toBe('Started cold: it continues an earlier session.');
    expect(second.sessionId).toBe(done.sessionId);
  });

  it('is discarded and prewarmed again when a host-level setting changes', async () => {
    const before = await readySpare();
    await stack.harness.call('settings.update', { performance: { lowerClaudePriority: false } });
    await readySpare(before);
    await waitFor('the old spare to exit', async () => !isAlive(before) || undefined, 20_000);

    const { done, events } = await runTask('[scenario:text say=after%20change]');
    expect(done.status).toBe('succeeded');
    expect(firstStatus(events)).toMatch(/^Started on the warm Claude Code process/);
    await stack.harness.call('settings.update', { performance: { lowerClaudePriority: true } });
  });

  it('starts cold, saying why, when the task fixes an option the spare cannot take', async () => {
    const parked = await readySpare();
    const { done, events } = await runTask('[scenario:text say=limited]', { maxTurns: 3 });
    expect(done.status).toBe('succeeded');
    expect(firstStatus(events)).toBe('Started cold: its task has a turn limit.');
    expect(spare().pid).toBe(parked); // still parked for the next run
  });

  it('falls back to a cold start when the folder refuses the claim', async () => {
    await readySpare();
    const cwd = tempDir('refusing');
    mkdirSync(join(cwd, '.claude'));
    // A folder whose project settings set a model is one the SDK documents a spare refuses.
    writeFileSync(join(cwd, '.claude', 'settings.json'), JSON.stringify({ model: 'claude-x-1' }));
    const { done, events } = await runTask('[scenario:text say=cold%20anyway]', {}, cwd);
    expect(firstStatus(events)).toMatch(/^Started cold: the warm process refused it \(/);
    expect(done.status).toBe('succeeded');
    expect(isolatedText(events)).toContain('cold anyway');
    await readySpare(); // and a new one is prewarmed
  });

  it('keeps no spare when turned off, and starts runs cold', async () => {
    const parked = await readySpare();
    await stack.harness.call('settings.update', { performance: { warmSpare: false } });
    await waitFor('the spare to exit', async () => !isAlive(parked) || undefined, 20_000);
    expect(spare().pid).toBeNull();
    const { done, events } = await runTask('[scenario:text say=off]');
    expect(done.status).toBe('succeeded');
    expect(firstStatus(events)).toBe('Started cold: the warm process is turned off in Settings.');
    await stack.harness.call('settings.update', { performance: { warmSpare: true } });
    await readySpare();
  });

  it('ends the parked process when the engine stops', async () => {
    const own = await startEngine(stack.fake.url, { warmSpare: true });
    const pid = await waitFor(
      'a spare',
      async () => own.engine.services.spare?.pid ?? undefined,
      60_000,
    );
    await own.stop();
    expect(isAlive(pid)).toBe(false);
  });
});

describe('a claimed spare', () => {
  it('routes its permission requests to the run that claimed it', async () => {
    await readySpare();
    const cwd = tempDir('approve');
    const task = await stack.harness.call('tasks.create', {
      title: 'Warm bash',
      prompt: '[scenario:bash command=echo%20warm%20>%20marker.txt]',
      cwd,
    });
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const approval = await waitFor('a pending approval', async () => {
      const list = await stack.harness.call('approvals.list', { status: 'pending' });
      return list.find((a) => a.runId === run.id);
    });
    expect(approval.toolName).toBe('Bash');
    await stack.harness.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    const events = await stack.harness.call('runs.events', { runId: run.id });
    expect(firstStatus(events)).toMatch(/^Started on the warm Claude Code process/);
    expect(done.status).toBe('succeeded');
    expect(readFileSync(join(cwd, 'marker.txt'), 'utf8').trim()).toBe('warm');
  });
});
