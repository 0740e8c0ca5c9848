// Signals a whole process tree: Claude Code starts in its own process group (POSIX), so one
// signal to the group also reaches the Bash tool's children, background shells and MCP servers.
// Windows has no groups: there the tree is ended with taskkill /T (tree-kill).
import { runTaskkill } from './tree-kill';

export const IS_POSIX = process.platform !== 'win32';

/** Sends a signal to the group led by `pid`; false when no process of the group is left. */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    // Windows has no process groups: the process itself is all a signal can reach there.
    process.kill(IS_POSIX ? -pid : pid, signal);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function groupAlive(pid: number): boolean {
  return signalGroup(pid, 0);
}

/**
 * SIGTERM to the group, then SIGKILL to whatever is left after `graceMs`. On Windows: taskkill /T,
 * then taskkill /T /F after the grace (never ending the root alone, which would cut its children
 * loose from the tree).
 */
export async function endGroup(pid: number, graceMs = 2_000): Promise<void> {
  if (!IS_POSIX) return endTree(pid, graceMs);
  if (!signalGroup(pid, 'SIGTERM')) return;
  if (await goneWithin(pid, graceMs)) return;
  signalGroup(pid, 'SIGKILL');
}

async function endTree(pid: number, graceMs: number): Promise<void> {
  if (!groupAlive(pid)) return;
  await runTaskkill(pid, false);
  if (await goneWithin(pid, graceMs)) return;
  await runTaskkill(pid, true);
}

async function goneWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (!groupAlive(pid)) return true;
  }
  return false;
}
