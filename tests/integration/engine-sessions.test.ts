// The engine driving the REAL Claude Code binary against the fake Anthropic API: approvals,
// questions, follow-ups, cancel, failures and costs, end to end (no mock of the SDK or the CLI).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Approval, RunEvent } from '../../src/shared/domain';
import { isAlive } from '../../src/main/engine/lifecycle/process-group';
import { tempDir } from '../support/claude-env';
import { MemorySecretStore } from '../fakes/memory-secret-store';
import { startEngine } from '../support/engine-harness';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();

async function newTask(prompt: string, extra: Record<string, unknown> = {}) {
  const cwd = tempDir('work');
  const task = await stack.harness.call('tasks.create', {
    title: `Test ${prompt.slice(0, 30)}`,
    prompt,
    cwd,
    ...extra,
  });
  return { task, cwd };
}

function pendingApproval(runId: string): Promise<Approval> {
  return waitFor(`a pending approval for ${runId}`, async () => {
    const approvals = await stack.harness.call('approvals.list', { status: 'pending' });
    return approvals.find((a) => a.runId === runId);
  });
}

async function events(runId: string): Promise<RunEvent[]> {
  return stack.harness.call('runs.events', { runId });
}

function transcriptText(list: RunEvent[]): string {
  return list.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
}

describe('sessions through the real Claude Code CLI', () => {
  it('asks before a Bash command, runs it once allowed, and records cost and usage', async () => {
    const { task, cwd } = await newTask('[scenario:bash command=echo%20approved%20>%20marker.txt]');
    const run = await stack.harness.call('tasks.run', { taskId: task.id });

    const approval = await pendingApproval(run.id);
    expect(approval.kind).toBe('tool');
    expect(approval.toolName).toBe('Bash');
    expect(approval.input.command).toBe('echo approved > marker.txt');
    expect((await stack.harness.call('runs.get', { runId: run.id })).status).toBe('waiting');
    expect(existsSync(join(cwd, 'marker.txt'))).toBe(false);

    await stack.harness.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);

    expect(done.status).toBe('succeeded');
    expect(readFileSync(join(cwd, 'marker.txt'), 'utf8').trim()).toBe('approved');
    expect(done.costUsd).toBeGreaterThan(0);
    expect(done.usage.inputTokens).toBeGreaterThan(0);
    expect(done.modelUsage.length).toBeGreaterThan(0);
    expect(done.sessionId).toMatch(/^[0-9a-f-]{36}$/);

    const list = await events(run.id);
    const types = list.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'prompt',
        'session',
        'tool_use',
        'approval',
        'approval_decided',
        'tool_result',
        'text',
        'result',
      ]),
    );
    expect(list.map((e) => e.seq)).toEqual(list.map((_, i) => i + 1));
    expect(transcriptText(list)).toContain('Command output');

    const summary = await stack.harness.call('costs.summary', {});
    expect(summary.totalUsd).toBeGreaterThanOrEqual(done.costUsd);
    expect(summary.byTask.find((t) => t.taskId === task.id)?.totalUsd).toBeCloseTo(done.costUsd, 6);
    expect(summary.byModel.length).toBeGreaterThan(0);
  });

  it('does not run a denied command and passes the reason to the agent', async () => {
    const { task, cwd } = await newTask('[scenario:bash command=echo%20no%20>%20denied.txt]');
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const approval = await pendingApproval(run.id);
    const decided = await stack.harness.call('approvals.decide', {
      approvalId: approval.id,
      decision: 'deny',
      message: 'not on this machine',
    });
    expect(decided.status).toBe('denied');
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(existsSync(join(cwd, 'denied.txt'))).toBe(false);
    expect(done.result ?? '').toMatch(/denied/i);
    expect(transcriptText(await events(run.id))).toContain('not on this machine');
  });

  it('"always allow" stops asking for that command prefix in the same task', async () => {
    const { task, cwd } = await newTask('[scenario:chain turns=3 command=touch%20step-{n}.txt]');
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const first = await pendingApproval(run.id);
    await stack.harness.call('approvals.decide', {
      approvalId: first.id,
      decision: 'allow',
      always: true,
    });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    const asked = (await stack.harness.call('approvals.list', {})).filter(
      (a) => a.runId === run.id,
    );
    expect(asked).toHaveLength(1);
    // The command's prefix, not every Bash command: `touch step-2.txt` and the next go through.
    expect((await stack.harness.call('tasks.get', { taskId: task.id })).alwaysAllowedTools).toEqual(
      ['Bash(touch:*)'],
    );
    for (const step of [1, 2, 3]) expect(existsSync(join(cwd, `step-${step}.txt`))).toBe(true);
  });

  it('turns AskUserQuestion into a question and returns the answer', async () => {
    const { task } = await newTask('[scenario:question]');
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const approval = await pendingApproval(run.id);
    expect(approval.kind).toBe('question');
    expect(approval.questions?.[0]?.options.map((o) => o.label)).toEqual(['Blue', 'Green']);

    const missing = await stack.harness.engine.handlers['approvals.decide']({
      approvalId: approval.id,
      decision: 'allow',
    }).catch((e: unknown) => e);
    expect(String(missing)).toMatch(/answers/);

    const question = approval.questions?.[0]?.question ?? '';
    await stack.harness.call('approvals.decide', {
      approvalId: approval.id,
      decision: 'allow',
      answers: { [question]: 'Green' },
    });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.result).toContain('Green');
  });

  it('continues the same Claude session in a follow-up run', async () => {
    const { task } = await newTask('[scenario:followup] first message');
    const first = await stack.harness.call('tasks.run', { taskId: task.id });
    const firstDone = await stack.harness.waitForRun(first.id, ['succeeded', 'failed']);
    expect(firstDone.result).toContain('Reply #1');

    const second = await stack.harness.call('runs.followUp', {
      runId: first.id,
      prompt: 'and a second one',
    });
    expect(second.trigger.kind).toBe('followup');
    expect(second.parentRunId).toBe(first.id);
    const secondDone = await stack.harness.waitForRun(second.id, ['succeeded', 'failed']);
    expect(secondDone.result).toContain('Reply #2');
    expect(secondDone.result).toContain('and a second one');
    expect(secondDone.sessionId).toBe(firstDone.sessionId);

    // The resumed session reports its totals so far; each run counts only what it spent itself.
    const reported = (await events(second.id)).find((e) => e.type === 'result');
    const sessionTotal = reported?.type === 'result' ? reported.costUsd : Number.NaN;
    expect(sessionTotal).toBeGreaterThan(firstDone.costUsd);
    expect(firstDone.costUsd + secondDone.costUsd).toBeCloseTo(sessionTotal, 9);
    const perModel = (run: typeof firstDone) =>
      run.modelUsage.reduce((sum, u) => sum + u.costUsd, 0);
    expect(perModel(secondDone)).toBeCloseTo(secondDone.costUsd, 9);
    const summary = await stack.harness.call('costs.summary', {});
    expect(summary.byTask.find((t) => t.taskId === task.id)?.totalUsd).toBeCloseTo(sessionTotal, 9);
  });

  it('cancels mid-stream and leaves no Claude Code process behind', async () => {
    const { task } = await newTask('[scenario:slow words=200 delay=100]');
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    await waitFor('streamed text', async () => transcriptText(await events(run.id)).length > 0);
    const live = await waitFor('live token counts', async () => {
      const current = await stack.harness.call('runs.get', { runId: run.id });
      return current.usage.inputTokens > 0 && current.numTurns >= 1 ? current : undefined;
    });
    expect(live.status).toBe('running');
    const withPid = stack.harness.engine.services.store.runs.get(run.id);
    const pid = withPid?.pid ?? null;
    expect(pid).not.toBeNull();

    await stack.harness.call('runs.cancel', { runId: run.id });
    const done = await stack.harness.waitForRun(run.id, ['cancelled', 'succeeded', 'failed']);
    expect(done.status).toBe('cancelled');
    if (pid !== null) await waitFor(`process ${pid} to exit`, () => !isAlive(pid), 10_000);
    expect(stack.harness.engine.services.store.runs.get(run.id)?.pid).toBeNull();
  });

  it('fails a run with a clear message when the API rejects the key', async () => {
    // Claude Code retries a 401 ten times (minutes); with retries off the failure is immediate.
    const noRetries = await startEngine(stack.fake.url, { env: { CLAUDE_CODE_MAX_RETRIES: '0' } });
    try {
      const task = await noRetries.call('tasks.create', {
        title: 'bad key',
        prompt: '[scenario:badkey]',
        cwd: tempDir('work'),
      });
      const run = await noRetries.call('tasks.run', { taskId: task.id });
      const done = await noRetries.waitForRun(run.id, ['succeeded', 'failed'], 60_000);
      expect(done.status).toBe('failed');
      expect(done.error ?? '').toMatch(/api key|authentication|login/i);
    } finally {
      await noRetries.stop();
    }
  });

  it('fails a rejected key at once, with retries on, and never retries it', async () => {
    // Claude Code's own retries are on (its default of ten): Switchboard ends the session at the
    // first retry of a 401 instead of letting it look healthy for minutes.
    const { task } = await newTask('[scenario:badkey]');
    const since = Date.now();
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed'], 60_000);
    expect(done.status).toBe('failed');
    const asked = stack.fake.requests.filter(
      (request) => request.scenario === 'badkey' && request.at >= since,
    );
    expect(asked.length).toBeGreaterThan(0);
    // Claude Code's first retries come within a second or two, so one or two may leave before
    // its first retry notice arrives; left alone it makes eleven tries over minutes.
    expect(asked.length).toBeLessThanOrEqual(5);
    expect((done.endedAt ?? Infinity) - (asked[0]?.at ?? 0)).toBeLessThan(10_000);
    expect(done.error ?? '').toMatch(/^Authentication failed: .*HTTP 401.*Settings → Secrets/);
    expect(done.retryAt).toBeNull();
    const events = await stack.harness.call('runs.events', { runId: run.id });
    expect(events.filter((event) => event.type === 'retry')).toHaveLength(0);
    expect(await stack.harness.call('runs.list', { taskId: task.id })).toHaveLength(1);
  });

  it('fails a run that needs a secret the keychain does not have, naming it', async () => {
    const { task } = await newTask('[scenario:text]', { secretEnv: ['DEPLOY_TOKEN'] });
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/DEPLOY_TOKEN.*not in the keychain/);
  });

  it('passes a task its secrets as environment variables, never through the API', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('DEPLOY_TOKEN', 'tok-123-secret');
    const withSecrets = await startEngine(stack.fake.url, { secrets });
    try {
      const cwd = tempDir('work');
      const task = await withSecrets.call('tasks.create', {
        title: 'uses a secret',
        prompt: '[scenario:bash command=printenv%20DEPLOY_TOKEN%20>%20token.txt]',
        cwd,
        secretEnv: ['DEPLOY_TOKEN'],
      });
      const run = await withSecrets.call('tasks.run', { taskId: task.id });
      const approval = await waitFor('approval', async () =>
        (await withSecrets.call('approvals.list', { status: 'pending' })).find(
          (a) => a.runId === run.id,
        ),
      );
      await withSecrets.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
      await withSecrets.waitForRun(run.id, ['succeeded', 'failed']);
      expect(readFileSync(join(cwd, 'token.txt'), 'utf8').trim()).toBe('tok-123-secret');
      const state = await withSecrets.call('secrets.list', {});
      expect(state.secrets).toEqual([{ name: 'DEPLOY_TOKEN' }]);
      expect(JSON.stringify(state)).not.toContain('tok-123-secret');
    } finally {
      await withSecrets.stop();
    }
  });

  it('holds runs back while the daily budget is used up', async () => {
    await stack.harness.call('settings.update', { budgets: { dailyUsd: 0.000001 } });
    try {
      const { task } = await newTask('[scenario:text]');
      const run = await stack.harness.call('tasks.run', { taskId: task.id });
      const held = await waitFor('the run to be held', async () => {
        const current = await stack.harness.call('runs.get', { runId: run.id });
        return current.heldReason ? current : undefined;
      });
      expect(held.status).toBe('queued');
      expect(held.heldReason).toMatch(/Daily budget/);
      await stack.harness.call('settings.update', { budgets: { dailyUsd: null } });
      const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
      expect(done.status).toBe('succeeded');
    } finally {
      await stack.harness.call('settings.update', { budgets: { dailyUsd: null } });
    }
  });
});

describe('worktree isolation', () => {
  it('runs in its own git worktree on its own branch, and a follow-up stays there', async () => {
    const repo = tempDir('repo');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git(
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'start',
    );
    const { run } = await startTask(stack.harness, {
      title: 'isolated',
      prompt: '[scenario:bash command=echo%20isolated%20>%20isolated.txt]',
      cwd: repo,
      isolation: 'worktree',
    });
    const approval = await pendingApproval(run.id);
    await stack.harness.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(done.workdir).not.toBe(repo);
    const workdir = done.workdir ?? '';
    expect(readFileSync(join(workdir, 'isolated.txt'), 'utf8').trim()).toBe('isolated');
    expect(existsSync(join(repo, 'isolated.txt'))).toBe(false);
    expect(git('branch', '--list', `switchboard/${run.id}`)).toContain(run.id);

    const followUp = await stack.harness.call('runs.followUp', {
      runId: run.id,
      prompt: 'anything else?',
    });
    const followDone = await stack.harness.waitForRun(followUp.id, ['succeeded', 'failed']);
    expect(followDone.workdir).toBe(workdir);
  });

  it('fails clearly when the folder is not a git repository', async () => {
    const { task } = await newTask('[scenario:text]', { isolation: 'worktree' });
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/needs a git repository/);
  });
});
