// Busy agents leave the person's window its CPU: the real Claude Code runs at nice 10 on every
// thread, and where Linux shares CPU between sessions first (autogroups) its session's share is
// lowered too, and so is the share of each command session its Bash tool starts.
import { describe, expect, it } from 'vitest';
import { CLAUDE_PRIORITY } from '../../src/main/engine/lifecycle/process-priority';
import { tempDir } from '../support/claude-env';
import { sharedEngineStack } from '../support/engine-stack';
import {
  autogroupOf,
  autogroupsWritable,
  descendants,
  isClaudeCode,
  threadNiceValues,
} from '../support/process-tree';
import { waitFor } from '../support/serve-process';

// The run monitor's usual interval: a command's session is lowered as it starts, not only at the
// monitor's next check 15 s on.
const stack = sharedEngineStack();

describe.runIf(process.platform === 'linux')('Claude Code priority', () => {
  it('is lowered on every thread, with its session and the sessions of its commands', async () => {
    const own = autogroupsWritable ? autogroupOf('self') : '';
    const task = await stack.harness.call('tasks.create', {
      title: 'sleeps',
      prompt: '[scenario:bash command=echo%20started%20%26%26%20sleep%2045]',
      cwd: tempDir('w'),
      allowedTools: ['Bash'],
    });
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    try {
      const tree = await waitFor('the Bash tool to run sleep 45', () => {
        const rows = descendants(process.pid);
        return rows.some((row) => /^sleep 45\b/.test(row.command)) ? rows : undefined;
      });
      const claude = tree.find((row) => isClaudeCode(row) && row.pid === row.pgid);
      const sleep = tree.find((row) => /^sleep 45\b/.test(row.command));
      if (!claude || !sleep) throw new Error(`no Claude Code or sleep in ${JSON.stringify(tree)}`);
      expect(sleep.pgid).not.toBe(claude.pgid); // the command runs in a session of its own

      expect(threadNiceValues(claude.pid).every((nice) => nice === CLAUDE_PRIORITY)).toBe(true);
      if (!autogroupsWritable) return; // Nice values alone decide here (see process-tree).
      const lowered = new RegExp(` nice ${CLAUDE_PRIORITY}$`);
      expect(autogroupOf(claude.pid)).toMatch(lowered);
      // The command's session, a moment after the command started (well before a check).
      await waitFor(
        "the command's session to be lowered",
        () => lowered.test(autogroupOf(sleep.pid)) || undefined,
        7_000,
      );
      expect(autogroupOf(sleep.pid)).not.toBe(autogroupOf(claude.pid));
      expect(autogroupOf('self')).toBe(own);
    } finally {
      await stack.harness.call('runs.cancel', { runId: run.id });
    }
  });
});
