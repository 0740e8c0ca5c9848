// The CPU reader of process groups: parsing, and real groups, one burning CPU in a child, one
// whose child sleeps, read through /proc and through ps.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cpuUsedSince,
  groupCpuReader,
  parseCpuTime,
  parseProcStat,
  parsePsLines,
  readProcGroupCpu,
  readPsGroupCpu,
  type GroupCpu,
  type GroupCpuReader,
} from '../../../../src/main/engine/lifecycle/group-cpu';
import { CPU_SIGN_SHARE } from '../../../../src/main/engine/runs/run-monitor';
import { waitFor } from '../../../support/serve-process';

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** A group led by a shell that waits on one child, as Claude Code waits on a Bash tool. */
function startGroup(childScript: string): number {
  const child = spawn('sh', ['-c', `sh -c '${childScript}' & wait`], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const pid = child.pid ?? 0;
  started.push(pid);
  return pid;
}

describe('parsing', () => {
  it('reads /proc/<pid>/stat, leaving out the leader’s own time but not its reaped children', () => {
    // A command name with a space and a parenthesis, as `comm` may have.
    const line = (pid: number, pgrp: number) =>
      `${pid} (we ird) name) S 1 ${pgrp} ${pgrp} 0 -1 4194304 10 0 0 0 150 50 7 3 20 0 1 0 99 0 0`;
    expect(parseProcStat(501, line(501, 500))).toEqual({ pid: 501, groupId: 500, cpuMs: 2_100 });
    expect(parseProcStat(500, line(500, 500))).toEqual({ pid: 500, groupId: 500, cpuMs: 100 });
    expect(parseProcStat(500, 'garbage')).toBeNull();
  });

  it('reads ps times in the Linux and the macOS forms', () => {
    expect(parseCpuTime('00:01:05')).toBe(65_000);
    expect(parseCpuTime('1-02:00:00')).toBe(26 * 3_600_000);
    expect(parseCpuTime('0:02.50')).toBe(2_500);
    expect(parseCpuTime('12:34.01')).toBe(754_010);
    expect(parseCpuTime('soon')).toBeNull();
    expect(parsePsLines('  10   10 00:00:09\n  11   10 00:00:03\nbad line\n')).toEqual([
      { pid: 10, groupId: 10, cpuMs: 9_000 },
      { pid: 11, groupId: 10, cpuMs: 3_000 },
    ]);
  });

  it('counts what each member added, a new member in full, an ended one as nothing', () => {
    const before: GroupCpu = new Map([
      [1, 100],
      [2, 5_000],
    ]);
    const after: GroupCpu = new Map([
      [1, 300],
      [3, 50],
    ]);
    expect(cpuUsedSince(before, after)).toBe(250);
  });

  it('reads nothing on Windows', async () => {
    expect(await groupCpuReader('win32')([process.pid])).toEqual(new Map());
    expect(groupCpuReader('linux')).toBe(readProcGroupCpu);
    expect(groupCpuReader('darwin')).toBe(readPsGroupCpu);
  });
});

const NONE: GroupCpu = new Map();

const readers: [string, GroupCpuReader, number][] = [
  // /proc counts in clock ticks (10 ms); Linux's ps shows whole seconds.
  ['/proc', readProcGroupCpu, 200],
  ['ps', readPsGroupCpu, 1_000],
];

describe.runIf(process.platform === 'linux').each(readers)(
  'real process groups through %s',
  (_name, read, least) => {
    it('sees the group whose child burns CPU, and none from the one whose child sleeps', async () => {
      const busy = startGroup('while :; do :; done');
      const idle = startGroup('sleep 600');
      // Both groups up, each with its leader and its child.
      const first = await waitFor('both groups with their child', async () => {
        const found = await read([busy, idle]);
        return (found.get(busy)?.size ?? 0) >= 2 && (found.get(idle)?.size ?? 0) >= 2
          ? found
          : undefined;
      });
      const since = Date.now();
      const later = await waitFor(
        'the busy group to show CPU used',
        async () => {
          const found = await read([busy, idle]);
          const used = cpuUsedSince(first.get(busy) ?? NONE, found.get(busy) ?? NONE);
          return used >= least ? found : undefined;
        },
        30_000,
      );
      const elapsed = Date.now() - since;
      const busyUsed = cpuUsedSince(first.get(busy) ?? NONE, later.get(busy) ?? NONE);
      // Over the monitor's bar for a sign of life, and the sleeping one used none at all.
      expect(busyUsed).toBeGreaterThanOrEqual(elapsed * CPU_SIGN_SHARE);
      expect(cpuUsedSince(first.get(idle) ?? NONE, later.get(idle) ?? NONE)).toBe(0);
      // Only the groups asked for.
      expect([...later.keys()].sort()).toEqual([busy, idle].sort());
    }, 60_000);
  },
);
