// The processes below a pid, read from `ps`, for tests that check nothing of a run is left.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach } from 'vitest';

export interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
  command: string;
}

export function processTable(): ProcessRow[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,args='], { encoding: 'utf8' });
  return out.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line);
    if (!match) return [];
    return [
      {
        pid: Number(match[1]),
        ppid: Number(match[2]),
        pgid: Number(match[3]),
        command: match[4] ?? '',
      },
    ];
  });
}

/** Every process whose parent chain leads to `root` (not `root` itself). */
export function descendants(root: number): ProcessRow[] {
  const table = processTable();
  const found: ProcessRow[] = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const row of table) {
      if (!parents.has(row.pid) && parents.has(row.ppid)) {
        parents.add(row.pid);
        found.push(row);
        grew = true;
      }
    }
  }
  return found;
}

/** Which of these pids still exist (zombies count as gone: they run nothing). */
export function stillRunning(pids: number[]): ProcessRow[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,stat=,args='], { encoding: 'utf8' });
  const wanted = new Set(pids);
  return out.split('\n').flatMap((line) => {
    const match = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!match || !wanted.has(Number(match[1])) || match[4]?.startsWith('Z')) return [];
    return [
      {
        pid: Number(match[1]),
        ppid: Number(match[2]),
        pgid: Number(match[3]),
        command: match[5] ?? '',
      },
    ];
  });
}

/** The nice value of each thread of `pid` (Linux: nice is kept per thread, in /proc). */
export function threadNiceValues(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((thread) => {
    const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
    // Fields after "(comm)": state is the 3rd field of stat, nice the 19th.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

/** The process groups a test starts, each SIGKILLed after every test whatever it left running. */
export function groupsKilledAfterEach(): number[] {
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
  return started;
}

/** A Claude Code process: the binary itself, not a process that merely mentions it. */
export function isClaudeCode(row: ProcessRow): boolean {
  return /(^|\/)claude(\s|$)/.test(row.command);
}

/** Whether Linux shares CPU between sessions first here (autogroups), so a nice value alone is not enough. */
export const autogroupsOn = ((): boolean => {
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    return false; // Not Linux, or a kernel without autogroups.
  }
})();

/** "/autogroup-123 nice 10": the autogroup of `pid`'s session and its nice value. */
export function autogroupOf(pid: number | 'self'): string {
  return readFileSync(`/proc/${pid}/autogroup`, 'utf8').trim();
}

/**
 * Whether this process may set an autogroup's nice value (a container may forbid it): found by
 * writing our own session's value back unchanged. Where it may not, the engine's lowering says
 * false and the tests check that instead.
 */
export const autogroupsWritable = ((): boolean => {
  if (!autogroupsOn) return false;
  const nice = / nice (-?\d+)$/.exec(autogroupOf('self'))?.[1] ?? '0';
  for (let attempt = 1; ; attempt++) {
    try {
      writeFileSync('/proc/self/autogroup', nice);
      return true;
    } catch (error) {
      // One write per 100 ms machine-wide for an unprivileged process: wait and try again.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN' && attempt < 5) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 110);
        continue;
      }
      console.warn(`autogroups are on, but this process may not set one: ${String(error)}`);
      return false;
    }
  }
})();
