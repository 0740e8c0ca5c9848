// Runs Claude Code below the engine's CPU priority, so many busy sessions cannot starve the
// engine's event loop (the panel, approvals and the transcript writer stay responsive).
import { constants, setPriority } from 'node:os';

/** A nice value of 10 on POSIX; on Windows Node maps it to BELOW_NORMAL_PRIORITY_CLASS. */
const CLAUDE_PRIORITY = constants.priority.PRIORITY_BELOW_NORMAL;

/** Lowers a child's priority; false when the OS refused (the child then runs at normal priority). */
export function lowerProcessPriority(pid: number): boolean {
  try {
    setPriority(pid, CLAUDE_PRIORITY);
    return true;
  } catch {
    return false;
  }
}
