// endGroup with a Claude Code stand-in that ignores SIGTERM: the command it started in a group of
// its own (as the Bash tool does) is ended too, not left running after the stand-in's SIGKILL.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { endGroup, groupAlive } from '../../../../src/main/engine/lifecycle/process-group';
import { readProcesses, treeMembers } from '../../../../src/main/engine/lifecycle/tree-cpu';
import { waitFor } from '../../../support/serve-process';

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

describe.runIf(process.platform !== 'win32')('endGroup', () => {
  it('ends the groups of the commands too when the leader holds out past the grace', async () => {
    // The command starts in a new session before the leader turns SIGTERM away.
    const leader = spawn('sh', ['-c', `setsid sh -c 'sleep 600' & trap '' TERM; wait`], {
      detached: true,
      stdio: 'ignore',
    });
    leader.unref();
    const pid = leader.pid ?? 0;
    groups.add(pid);
    const command = await waitFor('the command in its own group', async () => {
      const member = treeMembers(pid, await readProcesses()).find((p) => p.groupId !== pid);
      return member?.groupId;
    });
    groups.add(command);

    await endGroup(pid, 500);
    await waitFor('both groups to be gone', () => !groupAlive(pid) && !groupAlive(command), 5_000);
    expect(groupAlive(command)).toBe(false);
  });
});
