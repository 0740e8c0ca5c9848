// Signals a whole process tree: Claude Code starts in its own process group (POSIX), so one
// signal to the group also reaches the Bash tool's children, background shells and MCP servers.
// The Bash tool runs each command in a group of its own, so those groups are signalled too.
// Windows has no groups: there the tree is ended with taskkill /T (tree-kill).
import { readProcesses, treeMembers } from './tree-cpu';
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

/** Whether the process `pid` itself is running (EPERM: it is, but belongs to someone else). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function groupAlive(pid: number): boolean {
  return signalGroup(pid, 0);
}

/**
 * SIGTERM to the group and to the groups of the commands Claude Code started, then SIGKILL to
 * whatever is left after `graceMs`. On Windows: taskkill /T, then taskkill /T /F after the grace
 * (never ending the root alone, which would cut its children loose from the tree).
 */
export async function endGroup(pid: number, graceMs = 2_000): Promise<void> {
  if (!IS_POSIX) return endTree(pid, graceMs);
  // Found before any signal, and only while Claude Code lives: once it is gone its commands are
  // no longer its children, so a session that ended by itself is spared a scan of every process.
  const groups = [pid, ...(isAlive(pid) ? await commandGroups(pid) : [])];
  const signalled = groups.filter((group) => signalGroup(group, 'SIGTERM'));
  if (signalled.length === 0) return;
  if (await goneWithin(signalled, graceMs)) return;
  for (const group of signalled) signalGroup(group, 'SIGKILL');
}

/**
 * Groups in `pid`'s tree other than its own: the Bash tool's commands, which Claude Code ends
 * itself on SIGTERM — unless it is stuck, and then its SIGKILL would leave them running.
 */
async function commandGroups(pid: number): Promise<number[]> {
  try {
    const groups = treeMembers(pid, await readProcesses()).map((member) => member.groupId);
    return [...new Set(groups)].filter((group) => group !== pid && group > 1);
  } catch {
    return []; // No process list: Claude Code's own group is still ended.
  }
}

async function endTree(pid: number, graceMs: number): Promise<void> {
  if (!groupAlive(pid)) return;
  await runTaskkill(pid, false);
  if (await goneWithin([pid], graceMs)) return;
  await runTaskkill(pid, true);
}

async function goneWithin(groups: number[], ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (!groups.some(groupAlive)) return true;
  }
  return false;
}
