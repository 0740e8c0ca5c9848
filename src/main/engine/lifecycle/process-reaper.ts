// Ends Claude Code processes a crashed engine left behind (the safety net behind the orphan
// watchdog): all recorded PIDs at once, each only after checking it is still the recorded
// process, and with it the process group it leads and its commands' groups.
import { endGroup, isAlive, IS_POSIX } from './process-group';
import { isRecordedClaude, processIdentity } from './process-identity';

export interface ReapResult {
  pid: number;
  outcome: 'terminated' | 'gone' | 'not-claude';
}

export interface RecordedProcess {
  pid: number;
  /** When the engine spawned it (epoch ms), or null for records from before it was kept. */
  startedAt: number | null;
}

export async function reapProcess(recorded: RecordedProcess, graceMs = 2_000): Promise<ReapResult> {
  const { pid } = recorded;
  if (!isAlive(pid)) return { pid, outcome: 'gone' };
  const identity = await processIdentity(pid);
  if (identity === null) {
    // Windows has neither /proc nor ps: there the Node watchdog ends the tree (taskkill /T) when
    // the engine dies, and a recorded PID is left alone.
    return { pid, outcome: IS_POSIX ? 'gone' : 'not-claude' };
  }
  if (!isRecordedClaude(identity, recorded.startedAt)) return { pid, outcome: 'not-claude' };
  await endGroup(pid, graceMs);
  return { pid, outcome: 'terminated' };
}

/** Reaps every recorded process in parallel: start-up waits for the slowest, not the sum. */
export function reapProcesses(
  recorded: RecordedProcess[],
  graceMs?: number,
): Promise<ReapResult[]> {
  return Promise.all(recorded.map((process) => reapProcess(process, graceMs)));
}
