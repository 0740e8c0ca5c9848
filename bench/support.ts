// Shared helpers for the benchmarks: event-loop lag, process memory, medians, and printing a
// figure beside its target (printed only; benchmarks never assert on timing).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';

export function report(name: string, value: number, unit: string, target?: { max: number }) {
  const figure = `${value.toFixed(unit === 'ms' || unit === '×' ? 2 : 1)} ${unit}`;
  if (!target) {
    console.log(`[bench] ${name}: ${figure}`);
    return;
  }
  const verdict = value <= target.max ? 'within target' : 'OVER TARGET';
  console.log(`[bench] ${name}: ${figure} (target ≤ ${target.max} ${unit}) — ${verdict}`);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Event-loop lag of this process while `fn` runs: p50, p99 and max in ms. */
export async function loopLag<T>(fn: () => Promise<T>): Promise<{ value: T; lag: Lag }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const value = await fn();
  histogram.disable();
  return { value, lag: lagOf(histogram) };
}

export interface Lag {
  p50: number;
  p99: number;
  max: number;
}

function lagOf(h: ReturnType<typeof monitorEventLoopDelay>): Lag {
  // The histogram counts the whole interval; lag is what exceeds the 1 ms resolution.
  const ms = (ns: number) => Math.max(0, ns / 1e6 - 1);
  return { p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) };
}

/**
 * An idle Node process measuring its own loop lag beside the benchmark: what the machine alone
 * does to a loop that has nothing to do (the control for the engine's figures).
 */
export function idleControl(): { stop: () => Promise<Lag> } {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      `const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: 1 }); h.enable();
       setInterval(() => {}, 1000);
       process.stdin.on('data', () => { h.disable();
         const ms = (ns) => Math.max(0, ns / 1e6 - 1);
         process.stdout.write(JSON.stringify({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) }));
         process.exit(0); });`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  return {
    stop: () =>
      new Promise<Lag>((resolve, reject) => {
        let out = '';
        child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.once('exit', () => {
          try {
            resolve(JSON.parse(out) as Lag);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
        child.stdin?.write('stop\n');
      }),
  };
}

/** Resident memory of a process in MB (Linux /proc), or null when it is gone. */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

export function printLag(name: string, lag: Lag, target?: number) {
  console.log(
    `[bench] ${name}: loop lag p50 ${lag.p50.toFixed(1)} ms · p99 ${lag.p99.toFixed(1)} ms · max ${lag.max.toFixed(1)} ms` +
      (target === undefined
        ? ''
        : ` (target p99 < ${target} ms) — ${lag.p99 < target ? 'within target' : 'OVER TARGET'}`),
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
