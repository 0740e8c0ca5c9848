// Ends a whole process tree on Windows, which has no process groups: `taskkill /T` walks the
// tree from its root while the root is alive (so the root must not be ended first), and /F forces
// what a polite request does not end (console programs such as Claude Code ignore it).
import { execFile } from 'node:child_process';

export interface KillCommand {
  command: string;
  args: string[];
}

/** The taskkill call that ends `pid` and its descendants; `force` for the final step. */
export function taskkillCommand(pid: number, force: boolean): KillCommand {
  return { command: 'taskkill', args: ['/PID', String(pid), '/T', ...(force ? ['/F'] : [])] };
}

/** Runs taskkill; resolves when it is done, whatever it reported (a tree may already be gone). */
export function runTaskkill(pid: number, force: boolean): Promise<void> {
  const { command, args } = taskkillCommand(pid, force);
  return new Promise((resolve) => {
    execFile(command, args, { windowsHide: true, timeout: 10_000 }, () => resolve());
  });
}
