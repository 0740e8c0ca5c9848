// Ends Claude Code processes a crashed engine left behind: a killed host does not take its
// children with it, and an orphaned session could keep spending or editing files.
import { readFileSync } from 'node:fs';

export interface ReapResult {
  pid: number;
  outcome: 'terminated' | 'gone' | 'not-claude';
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Guards against a reused PID: on Linux the command line must name Claude Code. */
export function looksLikeClaude(pid: number): boolean {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return /claude/i.test(cmdline);
  } catch {
    // No /proc (macOS, Windows): trust the recorded PID, which we only just saw alive.
    return process.platform !== 'linux';
  }
}

export async function reapProcess(pid: number, graceMs = 2_000): Promise<ReapResult> {
  if (!isAlive(pid)) return { pid, outcome: 'gone' };
  if (!looksLikeClaude(pid)) return { pid, outcome: 'not-claude' };
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return { pid, outcome: 'gone' };
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return { pid, outcome: 'terminated' };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Exited between the check and the kill.
  }
  return { pid, outcome: 'terminated' };
}
