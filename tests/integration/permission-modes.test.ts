// Each permission mode does what its label says, enforced by Switchboard, with the real Claude
// Code binary against the fake API: shell commands ask under "file edits" while edits in the
// folder go through; plan mode never offers a file tool before the plan is approved (nor after
// "Keep planning"); "Always allow" remembers the command's prefix and still asks for others, and
// "Never ask" honours rules given earlier; "Allow everything" is refused as root when the task is
// saved and before a run starts.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Approval, RunEvent } from '../../src/shared/domain';
import { tempDir } from '../support/claude-env';
import { startEngine } from '../support/engine-harness';
import { MemorySettingsBackend } from '../fakes/memory-settings-backend';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();

function pendingApproval(runId: string, not: string[] = []): Promise<Approval> {
  return waitFor(`a pending approval for ${runId}`, async () =>
    (await stack.harness.call('approvals.list', { status: 'pending' })).find(
      (a) => a.runId === runId && !not.includes(a.id),
    ),
  );
}

async function askedTools(runId: string): Promise<string[]> {
  return (await stack.harness.call('approvals.list', { runId })).map((a) => a.toolName);
}

function steps(args: { write?: string; commands: string[] }): string {
  const write = args.write === undefined ? '' : ` write=${args.write}`;
  return `[scenario:steps${write} commands=${args.commands.map(encodeURIComponent).join(';;')}]`;
}

function toolResults(events: RunEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'tool_result' ? [event.content] : []));
}

describe('"Allow file edits, ask for the rest"', () => {
  it('asks before every shell command, even a filesystem one, while a Write in the folder goes through', async () => {
    const folder = tempDir('edits');
    writeFileSync(join(folder, 'old.txt'), 'keep me\n');
    writeFileSync(join(folder, 'f.txt'), 'a\n');
    const command = "sed -i 's/a/b/' f.txt && printf 'x' > added.txt && rm -f old.txt";
    const { run } = await startTask(stack.harness, {
      title: 'File edits only',
      prompt: steps({ write: 'notes.txt', commands: [command] }),
      cwd: folder,
      permissionMode: 'acceptEdits',
    });
    const asked = await pendingApproval(run.id);
    expect(asked.toolName).toBe('Bash');
    expect(asked.input.command).toBe(command);
    // The Write before it went through without a question.
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('step file\n');
    expect(readFileSync(join(folder, 'f.txt'), 'utf8')).toBe('a\n');
    expect(existsSync(join(folder, 'old.txt'))).toBe(true);

    await stack.harness.call('approvals.decide', { approvalId: asked.id, decision: 'deny' });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('succeeded');
    expect(await askedTools(run.id)).toEqual(['Bash']);
    expect(existsSync(join(folder, 'old.txt'))).toBe(true);
    expect(existsSync(join(folder, 'added.txt'))).toBe(false);
  });

  it('asks before a Write outside the folder', async () => {
    const folder = tempDir('edits-in');
    const outside = join(tempDir('edits-out'), 'elsewhere.txt');
    const { run } = await startTask(stack.harness, {
      title: 'File edits, outside',
      prompt: `[scenario:write path=${outside}]`,
      cwd: folder,
      permissionMode: 'acceptEdits',
    });
    const asked = await pendingApproval(run.id);
    expect(asked.toolName).toBe('Write');
    await stack.harness.call('approvals.decide', { approvalId: asked.id, decision: 'deny' });
    await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(existsSync(outside)).toBe(false);
  });
});

describe('"Plan only (no changes)"', () => {
  it('never offers a file tool before the plan is approved, nor after "Keep planning"', async () => {
    await stack.harness.call('settings.update', { defaultPermissionMode: 'acceptEdits' });
    try {
      const folder = tempDir('plan-only');
      const { run } = await startTask(stack.harness, {
        title: 'Plan only',
        prompt: '[scenario:sneaky-plan file=out.txt]',
        cwd: folder,
        permissionMode: 'plan',
      });
      const first = await pendingApproval(run.id);
      expect(first.toolName).toBe('ExitPlanMode');
      expect(existsSync(join(folder, 'out.txt'))).toBe(false);
      await stack.harness.call('approvals.decide', {
        approvalId: first.id,
        decision: 'deny',
        message: 'Keep planning; the plan is not ready yet.',
      });

      // After "Keep planning" the model writes again: refused, and it presents a new plan.
      const second = await pendingApproval(run.id, [first.id]);
      expect(second.toolName).toBe('ExitPlanMode');
      expect(existsSync(join(folder, 'out.txt'))).toBe(false);
      expect(await askedTools(run.id)).toEqual(['ExitPlanMode', 'ExitPlanMode']);
      const refusals = toolResults(await stack.harness.call('runs.events', { runId: run.id }));
      expect(refusals.filter((text) => /in plan mode/.test(text))).toHaveLength(2);

      // Approved: the task's normal mode (file edits, from Settings) lets the Write through.
      await stack.harness.call('approvals.decide', { approvalId: second.id, decision: 'allow' });
      const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
      expect(done.result).toBe('Done after the plan.');
      expect(readFileSync(join(folder, 'out.txt'), 'utf8')).toBe('written by the sneaky planner\n');
      expect(await askedTools(run.id)).toEqual(['ExitPlanMode', 'ExitPlanMode']);
    } finally {
      await stack.harness.call('settings.update', { defaultPermissionMode: 'default' });
    }
  });
});

describe('"Always allow" is as narrow as the request', () => {
  it('lets the same command prefix through and still asks for a different command', async () => {
    const folder = tempDir('always');
    const { task, run } = await startTask(stack.harness, {
      title: 'Always allow narrowly',
      prompt: steps({
        commands: [
          'touch first.txt',
          'touch second.txt',
          'touch third.txt && rm -f first.txt',
          'mkdir sub',
        ],
      }),
      cwd: folder,
      permissionMode: 'default',
    });
    const first = await pendingApproval(run.id);
    expect(first.input.command).toBe('touch first.txt');
    expect(first.alwaysChoices.map((choice) => choice.rules)).toEqual([
      ['Bash(touch:*)'],
      ['Bash(touch first.txt)'],
      ['Bash'],
    ]);
    const decided = await stack.harness.call('approvals.decide', {
      approvalId: first.id,
      decision: 'allow',
      always: true,
    });
    expect(decided.alwaysRules).toEqual(['Bash(touch:*)']);
    expect((await stack.harness.call('tasks.get', { taskId: task.id })).alwaysAllowedTools).toEqual(
      ['Bash(touch:*)'],
    );

    // `touch second.txt` went through; the compound command has a part no rule covers.
    const compound = await pendingApproval(run.id, [first.id]);
    expect(compound.input.command).toBe('touch third.txt && rm -f first.txt');
    expect(existsSync(join(folder, 'second.txt'))).toBe(true);
    await stack.harness.call('approvals.decide', { approvalId: compound.id, decision: 'deny' });

    const other = await pendingApproval(run.id, [first.id, compound.id]);
    expect(other.input.command).toBe('mkdir sub');
    await stack.harness.call('approvals.decide', { approvalId: other.id, decision: 'allow' });
    await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(existsSync(join(folder, 'first.txt'))).toBe(true);
    expect(existsSync(join(folder, 'third.txt'))).toBe(false);
    expect(existsSync(join(folder, 'sub'))).toBe(true);
  });

  it('keeps a stored bare tool name meaning any command of that tool', async () => {
    const folder = tempDir('always-bare');
    const task = await stack.harness.call('tasks.create', {
      title: 'Allowed before rules',
      prompt: steps({ commands: ['touch one.txt && mkdir two'] }),
      cwd: folder,
      permissionMode: 'default',
    });
    await stack.harness.call('tasks.update', { taskId: task.id, alwaysAllowedTools: ['Bash'] });
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.result).toBe('All steps done.');
    expect(await askedTools(run.id)).toEqual([]);
    expect(existsSync(join(folder, 'two'))).toBe(true);
  });
});

describe('"Never ask"', () => {
  it('lets through what an earlier "Always allow" covers and refuses the rest without asking', async () => {
    const folder = tempDir('never-ask');
    const task = await stack.harness.call('tasks.create', {
      title: 'Never ask with earlier rules',
      prompt: steps({ write: 'notes.txt', commands: ['touch allowed.txt', 'mkdir refused'] }),
      cwd: folder,
      permissionMode: 'dontAsk',
    });
    // Rules a person gave earlier with "Always allow" (in another mode), not the task's own list.
    await stack.harness.call('tasks.update', {
      taskId: task.id,
      alwaysAllowedTools: ['Write', 'Bash(touch:*)'],
    });
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(await askedTools(run.id)).toEqual([]);
    expect(readFileSync(join(folder, 'notes.txt'), 'utf8')).toBe('step file\n');
    expect(existsSync(join(folder, 'allowed.txt'))).toBe(true);
    expect(existsSync(join(folder, 'refused'))).toBe(false);
  });
});

const refusedAsRoot = process.getuid?.() === 0 && process.env.IS_SANDBOX !== '1';

describe.skipIf(!refusedAsRoot)('"Allow everything (risky)" as root', () => {
  it('is refused when the task is saved, with the fix', async () => {
    const create = stack.harness.call('tasks.create', {
      title: 'Everything',
      prompt: '[scenario:text]',
      cwd: tempDir('bypass'),
      permissionMode: 'bypassPermissions',
    });
    await expect(create).rejects.toThrow(/bad_input: .*root.*normal user/);
    const task = await stack.harness.call('tasks.create', {
      title: 'Everything later',
      prompt: '[scenario:text]',
      cwd: tempDir('bypass'),
      permissionMode: 'default',
    });
    await expect(
      stack.harness.call('tasks.update', { taskId: task.id, permissionMode: 'bypassPermissions' }),
    ).rejects.toThrow(/permissionMode|root/);
  });

  it('a task saved with it elsewhere does not start here, says why, and leaves no worktree', async () => {
    const repo = tempDir('bypass-repo');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo });
    git('init', '-q', '-b', 'main');
    git(
      '-c',
      'user.name=P',
      '-c',
      'user.email=p@example.com',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'start',
    );
    const dataDir = tempDir('bypass-data');
    // Saved where Claude Code accepts it (a sandbox), then opened by an engine running as root.
    // No warm spare: this test starts no session, and two engines come and go.
    const settings = new MemorySettingsBackend({ performance: { warmSpare: false } });
    const sandboxed = await startEngine(stack.fake.url, {
      dataDir,
      settings,
      env: { IS_SANDBOX: '1' },
    });
    const task = await sandboxed.call('tasks.create', {
      title: 'Everything, isolated',
      prompt: '[scenario:text]',
      cwd: repo,
      permissionMode: 'bypassPermissions',
      isolation: 'worktree',
    });
    await sandboxed.stop();
    const asRoot = await startEngine(stack.fake.url, { dataDir, settings });
    try {
      const check = await asRoot.call('tasks.check', { taskId: task.id });
      expect(check.problems.map((problem) => problem.code)).toEqual(['bypass_as_root']);
      await expect(asRoot.call('tasks.run', { taskId: task.id })).rejects.toThrow(
        /refuses "Allow everything without asking" while Switchboard runs as root/,
      );
      const worktrees = join(dataDir, 'worktrees');
      expect(existsSync(worktrees) ? readdirSync(worktrees) : []).toEqual([]);
    } finally {
      await asRoot.stop();
    }
  }, 240_000);
});
