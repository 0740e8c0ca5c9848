// The CPU reader of Claude Code's process trees: parsing, finding the tree (descendants, their
// groups, orphans left in a group), and real trees, one burning CPU in a command run in a group of
// its own (as the Bash tool runs it), one whose command sleeps, read through /proc and through ps.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cpuUsedSince,
  parseCpuTime,
  parseProcStat,
  parsePsLines,
  readProcTreeCpu,
  readPsTreeCpu,
  treeCpuReader,
  treesOf,
  type ProcessCpu,
  type TreeCpu,
  type TreeCpuReader,
} from '../../../src/main/engine/lifecycle/tree-cpu';
import { CPU_SIGN_SHARE } from '../../../src/main/engine/runs/run-monitor';
import { waitFor } from '../../support/serve-process';

/** Every pid the tests saw, ended afterwards (commands in their own groups too). */
const seen = new Set<number>();
afterEach(() => {
  for (const pid of seen) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  seen.clear();
});

/**
 * A stand-in for Claude Code: a shell in a group of its own that leaves an orphan `sleep` in its
 * group (its parent exits at once) and runs `command` in a new session, as the Bash tool does.
 */
function startTree(command: string): number {
  const child = spawn('sh', ['-c', `(sleep 600 &); setsid sh -c '${command}' & wait`], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const pid = child.pid ?? 0;
  seen.add(pid);
  return pid;
}

describe('parsing', () => {
  it('reads /proc/<pid>/stat, whatever the command name holds', () => {
    const line = `501 (we ird) name) S 7 500 500 0 -1 4194304 10 0 0 0 150 50 7 3 20 0 1 0 99 0 0`;
    expect(parseProcStat(501, line)).toEqual({
      pid: 501,
      ppid: 7,
      groupId: 500,
      ownMs: 2_000,
      reapedMs: 100,
    });
    expect(parseProcStat(500, 'garbage')).toBeNull();
  });

  it('finds the tree: descendants, the groups they lead, orphans in them; the root’s own time left out', () => {
    const p = (pid: number, ppid: number, groupId: number, ownMs = 0): ProcessCpu => ({
      pid,
      ppid,
      groupId,
      ownMs,
      reapedMs: 5,
    });
    const processes = [
      p(1, 0, 1),
      p(100, 1, 1), // the engine
      p(200, 100, 200, 9_000), // Claude Code
      p(201, 200, 201, 10), // a Bash tool command, its own group
      p(202, 201, 201, 20), // its child
      p(203, 1, 201, 30), // a background job of the command whose parent exited
      p(204, 1, 200, 40), // an orphan in Claude Code's group
      p(300, 100, 300, 50), // another session, not this run's
    ];
    expect(treesOf([200, 999], processes)).toEqual(
      new Map([
        [
          200,
          new Map([
            [200, 5],
            [201, 15],
            [202, 25],
            [203, 35],
            [204, 45],
          ]),
        ],
      ]),
    );
  });

  it('reads ps times in the Linux and the macOS forms', () => {
    expect(parseCpuTime('00:01:05')).toBe(65_000);
    expect(parseCpuTime('1-02:00:00')).toBe(26 * 3_600_000);
    expect(parseCpuTime('0:02.50')).toBe(2_500);
    expect(parseCpuTime('12:34.01')).toBe(754_010);
    expect(parseCpuTime('soon')).toBeNull();
    expect(parsePsLines('  10  1  10 00:00:09\n  11  10  10 0:03.00\nbad line\n')).toEqual([
      { pid: 10, ppid: 1, groupId: 10, ownMs: 9_000, reapedMs: 0 },
      { pid: 11, ppid: 10, groupId: 10, ownMs: 3_000, reapedMs: 0 },
    ]);
  });

  it('counts what each member added, a new member in full, an ended one as nothing', () => {
    const before: TreeCpu = new Map([
      [1, 100],
      [2, 5_000],
    ]);
    const after: TreeCpu = new Map([
      [1, 300],
      [3, 50],
    ]);
    expect(cpuUsedSince(before, after)).toBe(250);
  });

  it('reads nothing on Windows', async () => {
    expect(await treeCpuReader('win32')([process.pid])).toEqual(new Map());
    expect(treeCpuReader('linux')).toBe(readProcTreeCpu);
    expect(treeCpuReader('darwin')).toBe(readPsTreeCpu);
  });
});

const NONE: TreeCpu = new Map();

const readers: [string, TreeCpuReader, number][] = [
  // /proc counts in clock ticks (10 ms); Linux's ps shows whole seconds.
  ['/proc', readProcTreeCpu, 200],
  ['ps', readPsTreeCpu, 1_000],
];

describe.runIf(process.platform === 'linux').each(readers)(
  'real process trees through %s',
  (_name, read, least) => {
    it('sees the tree whose command burns CPU, and none from the one whose command sleeps', async () => {
      const busy = startTree('while :; do :; done');
      const idle = startTree('sleep 600');
      const readBoth = async () => {
        const found = await read([busy, idle]);
        for (const tree of found.values()) for (const pid of tree.keys()) seen.add(pid);
        return found;
      };
      // Each tree: the root, the orphan sleep, the command (and for the idle one, its sleep).
      const first = await waitFor('both trees', async () => {
        const found = await readBoth();
        return (found.get(busy)?.size ?? 0) >= 3 && (found.get(idle)?.size ?? 0) >= 3
          ? found
          : undefined;
      });
      const since = Date.now();
      const later = await waitFor(
        'the busy tree to show CPU used',
        async () => {
          const found = await readBoth();
          return cpuUsedSince(first.get(busy) ?? NONE, found.get(busy) ?? NONE) >= least
            ? found
            : undefined;
        },
        30_000,
      );
      const elapsed = Date.now() - since;
      const busyUsed = cpuUsedSince(first.get(busy) ?? NONE, later.get(busy) ?? NONE);
      // Over the monitor's bar for a sign of life, and the sleeping one used none at all.
      expect(busyUsed).toBeGreaterThanOrEqual(elapsed * CPU_SIGN_SHARE);
      expect(cpuUsedSince(first.get(idle) ?? NONE, later.get(idle) ?? NONE)).toBe(0);
      // Only the trees asked for, and not each other's processes.
      expect([...later.keys()].sort()).toEqual([busy, idle].sort());
      const busyPids = [...(later.get(busy)?.keys() ?? [])];
      expect(busyPids.some((pid) => later.get(idle)?.has(pid))).toBe(false);
    }, 60_000);
  },
);
