// A tiny timer for benchmarks: runs fn, prints the median time and the target beside it.

export function measure(name: string, targetMs: number, fn: () => void, iterations = 5): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const verdict = median <= targetMs ? 'within target' : 'OVER TARGET';
  console.log(`[bench] ${name}: ${median.toFixed(2)} ms (target ≤ ${targetMs} ms) — ${verdict}`);
  return median;
}
