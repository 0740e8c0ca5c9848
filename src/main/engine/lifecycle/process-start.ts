// When a process started, as an opaque token: tells a live process from a later one that was
// given the same PID. Null where the platform gives no cheap answer (the PID alone is used then).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function processStartToken(pid: number, platform = process.platform): string | null {
  try {
    if (platform === 'linux') {
      // Field 22 of /proc/<pid>/stat: start time in clock ticks since boot. The command name
      // (field 2) may hold spaces and parentheses, so fields are counted after its last ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return fields[19] ? `linux:${fields[19]}` : null;
    }
    if (platform === 'darwin') {
      const started = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
        encoding: 'utf8',
        timeout: 2_000,
      }).trim();
      return started ? `darwin:${started}` : null;
    }
  } catch {
    return null;
  }
  return null;
}
