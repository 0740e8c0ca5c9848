// Signals a whole process tree: Claude Code starts in its own process group (POSIX), so one
// signal to the group also reaches the Bash tool's children, background shells and MCP servers.
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

/** SIGTERM to the group, then SIGKILL to whatever is left after `graceMs`. */
export async function endGroup(pid: number, graceMs = 2_000): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (!groupAlive(pid)) return;
  }
  signalGroup(pid, 'SIGKILL');
}
