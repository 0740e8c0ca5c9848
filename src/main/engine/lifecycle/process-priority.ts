// CPU priorities, so that busy agents cannot starve what the person is looking at: the window's
// thread first, the engine host next (nice 5), Claude Code and everything it starts last (nice 10).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** A nice value of 10 on POSIX; on Windows Node maps it to BELOW_NORMAL_PRIORITY_CLASS. */
export const CLAUDE_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;

/**
 * Nice 5 on POSIX, between the window (0) and Claude Code (10): heavy engine work (a large
 * transcript, a cost summary) waits for the window's input instead of the other way round. On
 * Windows Node maps 5 to NORMAL_PRIORITY_CLASS, so the host stays at normal priority there.
 */
export const ENGINE_HOST_PRIORITY = 5;

/**
 * The thread ids of a process. Linux keeps a nice value per thread and setpriority(pid) sets only
 * the thread whose id is the pid, so threads a runtime starts before we get to it (Claude Code has
 * three when spawn() returns) would keep running at normal priority. Elsewhere the nice value is
 * the process's: the pid alone is enough.
 */
function threadsOf(pid: number): number[] {
  if (process.platform !== 'linux') return [pid];
  try {
    return readdirSync(`/proc/${pid}/task`).map(Number);
  } catch {
    return [pid];
  }
}

/** Sets every thread of `pid` to `priority`; false when the OS refused the process's own. */
export function setProcessPriority(pid: number, priority: number): boolean {
  let lowered = false;
  for (const thread of threadsOf(pid)) {
    try {
      setPriority(thread, priority);
      if (thread === pid) lowered = true;
    } catch {
      // A thread that ended meanwhile, or a priority the OS refused: the rest still go down.
    }
  }
  return lowered;
}

/** Lowers a child's priority; false when the OS refused (the child then runs at normal priority). */
export function lowerProcessPriority(pid: number): boolean {
  return setProcessPriority(pid, CLAUDE_PRIORITY);
}

/**
 * Linux with autogroups (most desktops): CPU is shared between sessions first, and a nice value
 * counts only within its own session. Claude Code leads a session of its own (a process group
 * needs one), and so does each command its Bash tool runs: each would get as much CPU as the whole
 * window unless its session's group is lowered too. Writes to /proc/<pid>/autogroup; the kernel
 * takes one such write per 100 ms from an unprivileged process, so a refused one is tried again.
 */
export interface AutogroupFiles {
  enabled(): boolean;
  read(pid: number | 'self'): string;
  write(pid: number, nice: number): void;
}

const procAutogroups: AutogroupFiles = {
  enabled: () => readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1',
  read: (pid) => readFileSync(`/proc/${pid}/autogroup`, 'utf8'),
  write: (pid, nice) => writeFileSync(`/proc/${pid}/autogroup`, String(nice)),
};

/** "/autogroup-123 nice 0" → its name and nice value. */
function parseAutogroup(text: string): { name: string; nice: number } | null {
  const match = /^(\S+) nice (-?\d+)/.exec(text);
  return match?.[1] && match[2] ? { name: match[1], nice: Number(match[2]) } : null;
}

const AUTOGROUP_TRIES = 10;
const AUTOGROUP_RETRY_MS = 110;

/**
 * Lowers the autogroup of `pid`'s session to `nice`; true when it is (or already was) that low.
 * Never touches the engine's own group: that would lower the window's share too.
 */
export async function lowerAutogroup(
  pid: number,
  nice: number = CLAUDE_PRIORITY,
  files: AutogroupFiles = procAutogroups,
): Promise<boolean> {
  try {
    if (!files.enabled()) return false;
    const theirs = parseAutogroup(files.read(pid));
    const ours = parseAutogroup(files.read('self'));
    if (!theirs || !ours || theirs.name === ours.name) return false;
    if (theirs.nice >= nice) return true;
  } catch {
    return false; // No autogroups here (not Linux, or switched off), or the process is gone.
  }
  for (let attempt = 1; attempt <= AUTOGROUP_TRIES; attempt++) {
    try {
      files.write(pid, nice);
      return true;
    } catch (error) {
      const busy = (error as NodeJS.ErrnoException).code === 'EAGAIN';
      if (!busy || attempt === AUTOGROUP_TRIES) return false;
      await sleep(AUTOGROUP_RETRY_MS);
    }
  }
  return false;
}
