// A task that runs its shell commands in Claude Code's own sandbox (bubblewrap and socat, as
// .ci/run installs them), with the real binary: a command writes inside the task's folder and is
// refused outside it, where the same command of a task without the sandbox writes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/claude-env';
import { sharedEngineStack } from '../support/engine-stack';

const stack = sharedEngineStack();

async function runWriting(sandbox: boolean) {
  const cwd = tempDir('sandbox-task');
  const outside = join(tempDir('sandbox-outside'), 'escaped.txt');
  const command = `echo in > inside.txt; echo out > ${outside}; echo finished`;
  const task = await stack.harness.call('tasks.create', {
    title: sandbox ? 'Sandboxed' : 'Open',
    prompt: `[scenario:bash command=${encodeURIComponent(command)}]`,
    cwd,
    allowedTools: ['Bash'],
    sandbox,
  });
  const run = await stack.harness.call('tasks.run', { taskId: task.id });
  const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
  const events = await stack.harness.call('runs.events', { runId: run.id });
  const output = events.flatMap((e) => (e.type === 'tool_result' ? [e.content] : [])).join('\n');
  return { done, cwd, outside, output };
}

describe("Claude Code's sandbox for a task's shell commands", () => {
  it('lets a command write inside the folder and refuses it outside', async () => {
    const sandboxed = await runWriting(true);
    expect(sandboxed.done.status, sandboxed.done.error ?? '').toBe('succeeded');
    expect(readFileSync(join(sandboxed.cwd, 'inside.txt'), 'utf8')).toBe('in\n');
    expect(existsSync(sandboxed.outside)).toBe(false);
    expect(sandboxed.output).toMatch(/read-only file system|operation not permitted|denied/i);

    // The same command without the sandbox writes there: the refusal above is the sandbox's.
    const open = await runWriting(false);
    expect(open.done.status, open.done.error ?? '').toBe('succeeded');
    expect(readFileSync(open.outside, 'utf8')).toBe('out\n');
  });
});
