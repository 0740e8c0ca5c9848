// Benchmark for the run monitor's CPU reading of Claude Code's process trees, done once per check
// (15 s) while a run is running. Target (printed, not asserted): one reading ≤ 20 ms, on Linux by
// /proc (every process on the machine) and elsewhere by one `ps`.
import { describe, it } from 'vitest';
import { readProcTreeCpu, readPsTreeCpu } from '../src/main/engine/lifecycle/tree-cpu';
import { median, report } from './support';

async function timeOf(read: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await read();
    times.push(performance.now() - started);
  }
  return median(times);
}

describe('CPU of process trees', () => {
  it.runIf(process.platform === 'linux')('reads /proc', async () => {
    const ms = await timeOf(() => readProcTreeCpu([process.pid, process.ppid]));
    report('tree CPU reading through /proc (median of 20)', ms, 'ms', { max: 20 });
  });

  it.runIf(process.platform !== 'win32')('reads ps', async () => {
    const ms = await timeOf(() => readPsTreeCpu([process.pid, process.ppid]));
    report('tree CPU reading through ps (median of 20)', ms, 'ms', { max: 20 });
  });
});
