// CPU priorities, so that busy agents cannot starve what the person is looking at: the window's
// thread first, the engine host next (nice 5), Claude Code and everything it starts last (nice 10).
import { readdirSync } from 'node:fs';
import { constants, setPriority } from 'node:os';

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
