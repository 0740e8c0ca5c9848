// endGroup and the (sh) orphan watchdog with a Claude Code stand-in that ignores SIGTERM: the
// command it started in a group of its own (as the Bash tool does) is ended too, not left running
// after the stand-in's SIGKILL.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { OrphanWatchdog } from '../../../src/main/engine/lifecycle/orphan-watchdog';
import { endGroup, groupAlive } from '../../../src/main/engine/lifecycle/process-group';
import { readProcesses, treeMembers } from '../../../src/main/engine/lifecycle/tree-cpu';
import { waitFor } from '../../support/serve-process';

const groups = new Set<number>();
afterEach(() => {
  for (const group of groups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  groups.clear();
});

/** A leader that turns SIGTERM away, after starting a command in a session of its own. */
async function startStubbornTree(): Promise<{ leader: number; command: number }> {
  const child = spawn('sh', ['-c', `setsid sh -c 'sleep 600' & trap '' TERM; wait`], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const leader = child.pid ?? 0;
  groups.add(leader);
  const command = await waitFor('the command in its own group', async () => {
    const member = treeMembers(leader, await readProcesses()).find((p) => p.groupId !== leader);
    return member?.groupId;
  });
  groups.add(command);
  return { leader, command };
}

describe.runIf(process.platform !== 'win32')('commands in groups of their own', () => {
  it('endGroup ends them too when the leader holds out past the grace', async () => {
    const { leader, command } = await startStubbornTree();
    await endGroup(leader, 500);
    await waitFor(
      'both groups to be gone',
      () => !groupAlive(leader) && !groupAlive(command),
      5_000,
    );
    expect(groupAlive(command)).toBe(false);
  });

  it('the sh watchdog ends them too when the engine is gone', async () => {
    const { leader, command } = await startStubbornTree();
    const watchdog = new OrphanWatchdog({ graceSeconds: 1 });
    watchdog.watch(leader);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(groupAlive(command)).toBe(true);
    (watchdog as unknown as { child: { stdin: { destroy(): void } } }).child.stdin.destroy();
    await waitFor(
      'both groups to be gone',
      () => !groupAlive(leader) && !groupAlive(command),
      8_000,
    );
    expect(groupAlive(command)).toBe(false);
  });
});
