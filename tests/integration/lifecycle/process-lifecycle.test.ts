// Process groups, the orphan watchdog, process identity and reaping, with real processes.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { OrphanWatchdog } from '../../../src/main/engine/lifecycle/orphan-watchdog';
import { endGroup, groupAlive, isAlive } from '../../../src/main/engine/lifecycle/process-group';
import {
  isRecordedClaude,
  parsePsLine,
  processIdentity,
} from '../../../src/main/engine/lifecycle/process-identity';
import { reapProcesses } from '../../../src/main/engine/lifecycle/process-reaper';
import { groupsKilledAfterEach } from '../../support/process-tree';
import { waitFor } from '../../support/serve-process';

const started = groupsKilledAfterEach();

/** A group leader (named like Claude Code) with a child of its own, as a session would have. */
function startTree(name = 'claude-test-tree'): { leader: number; startedAt: number } {
  const startedAt = Date.now();
  // exec -a renames the shell, so its command line names "claude" like the real binary.
  const child = spawn('bash', ['-c', `exec -a ${name} bash -c 'sleep 300 & wait'`], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const pid = child.pid ?? 0;
  started.push(pid);
  return { leader: pid, startedAt };
}

describe('process groups', () => {
  it('endGroup ends the leader and its children', async () => {
    const { leader } = startTree();
    await waitFor('the tree to start', () => groupAlive(leader));
    await endGroup(leader, 1_000);
    await waitFor('the group to be gone', () => !groupAlive(leader), 5_000);
  });
});

describe('orphan watchdog', () => {
  it('ends the watched groups when the engine side of its pipe closes, and not before', async () => {
    const { leader } = startTree();
    const watchdog = new OrphanWatchdog({ graceSeconds: 1 });
    watchdog.watch(leader);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(groupAlive(leader)).toBe(true);
    // Closing its stdin is what the kernel does when the engine dies; close() first unlists the
    // groups (a clean stop), so kill the pipe by hand instead: destroy without unlisting.
    const pid = watchdog.pid ?? 0;
    (watchdog as unknown as { child: { stdin: { destroy(): void } } }).child.stdin.destroy();
    await waitFor('the watched group to be ended', () => !groupAlive(leader), 5_000);
    await waitFor('the watchdog to exit', () => !isAlive(pid), 5_000);
  });

  it('a clean close leaves released groups alone', async () => {
    const { leader } = startTree();
    const watchdog = new OrphanWatchdog({ graceSeconds: 1 });
    watchdog.watch(leader);
    watchdog.release(leader);
    const pid = watchdog.pid ?? 0;
    watchdog.close();
    await waitFor('the watchdog to exit', () => !isAlive(pid), 5_000);
    expect(groupAlive(leader)).toBe(true);
  });
});

describe('process identity and reaping', () => {
  it('reads a ps line', () => {
    const parsed = parsePsLine(
      'Tue Dec  1 23:41:23 2026 /usr/bin/claude --output-format stream-json',
    );
    expect(parsed?.command).toBe('/usr/bin/claude --output-format stream-json');
    expect(new Date(parsed?.startedAt ?? 0).getMinutes()).toBe(41);
    expect(parsePsLine('garbage')).toBeNull();
  });

  it('knows a process by its start time and command line', async () => {
    const { leader, startedAt } = startTree();
    const identity = await waitFor('the identity', () =>
      processIdentity(leader).then((i) => i ?? undefined),
    );
    expect(identity.command).toContain('claude-test-tree');
    expect(Math.abs(identity.startedAt - startedAt)).toBeLessThan(3_000);
    expect(isRecordedClaude(identity, startedAt)).toBe(true);
    // The same PID recorded a minute earlier is a different process: a reused PID.
    expect(isRecordedClaude(identity, startedAt - 60_000)).toBe(false);
    expect(isRecordedClaude({ ...identity, command: 'postgres' }, startedAt)).toBe(false);
  });

  it('reaps recorded processes in parallel, sparing one whose PID was reused', async () => {
    const a = startTree();
    const b = startTree();
    const reused = startTree();
    await waitFor('the trees', () => [a, b, reused].every((t) => groupAlive(t.leader)));
    const results = await reapProcesses(
      [
        { pid: a.leader, startedAt: a.startedAt },
        { pid: b.leader, startedAt: b.startedAt },
        // Recorded long before this process started: not ours.
        { pid: reused.leader, startedAt: reused.startedAt - 3_600_000 },
      ],
      1_500,
    );
    expect(results.map((r) => r.outcome)).toEqual(['terminated', 'terminated', 'not-claude']);
    expect(groupAlive(reused.leader)).toBe(true);
    await waitFor(
      'both reaped groups to be gone',
      () => !groupAlive(a.leader) && !groupAlive(b.leader),
    );
  });
});
