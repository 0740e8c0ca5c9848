// Who a PID is now: its start time and command line, read from /proc on Linux and from `ps`
// elsewhere (macOS, the BSDs), so a PID the OS handed to another program is never mistaken for
// the Claude Code process an engine recorded.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

export interface ProcessIdentity {
  /** Epoch ms, to the second (`ps` gives no finer) or to the clock tick (/proc). */
  startedAt: number;
  command: string;
}

/** Linux's clock tick; every mainstream kernel build uses 100 Hz for /proc times. */
const CLOCK_TICKS_PER_SECOND = 100;

export async function processIdentity(pid: number): Promise<ProcessIdentity | null> {
  const fromProc = await fromProcFs(pid);
  if (fromProc !== undefined) return fromProc;
  return fromPs(pid);
}

/** undefined: there is no /proc here; null: the process does not exist. */
async function fromProcFs(pid: number): Promise<ProcessIdentity | null | undefined> {
  let stat: string;
  let stats: string;
  try {
    stats = await readFile('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  try {
    stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const bootSeconds = Number(/^btime (\d+)$/m.exec(stats)?.[1]);
  // Fields after the parenthesised command (which may hold spaces); starttime is field 22.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  if (!Number.isFinite(bootSeconds) || !Number.isFinite(ticks)) return undefined;
  let command: string;
  try {
    command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ').trim();
  } catch {
    return null;
  }
  return { startedAt: bootSeconds * 1000 + (ticks * 1000) / CLOCK_TICKS_PER_SECOND, command };
}

function fromPs(pid: number): Promise<ProcessIdentity | null> {
  return new Promise((resolve) => {
    execFile(
      'ps',
      ['-o', 'lstart=', '-o', 'command=', '-p', String(pid)],
      { env: { ...process.env, LC_ALL: 'C' }, timeout: 5_000 },
      (error, stdout) => {
        if (error) return resolve(null);
        resolve(parsePsLine(stdout));
      },
    );
  });
}

/** `Tue Dec  1 23:41:23 2026 /path/to/claude --flags` → start time and command. */
export function parsePsLine(line: string): ProcessIdentity | null {
  const match = /^\s*(\w{3}\s+\w{3}\s+\d{1,2}\s+\d{2}:\d{2}:\d{2}\s+\d{4})\s+(.*)$/.exec(line);
  if (!match?.[1]) return null;
  const startedAt = Date.parse(match[1].replace(/\s+/g, ' '));
  return Number.isFinite(startedAt) ? { startedAt, command: (match[2] ?? '').trim() } : null;
}

/**
 * The recorded process is this one: its command names Claude Code and, when the spawn time was
 * recorded, it started within a few seconds of it (a reused PID starts later).
 */
export function isRecordedClaude(
  identity: ProcessIdentity,
  recordedStartAt: number | null,
  toleranceMs = 3_000,
): boolean {
  if (!/claude/i.test(identity.command)) return false;
  return recordedStartAt === null || Math.abs(identity.startedAt - recordedStartAt) <= toleranceMs;
}
