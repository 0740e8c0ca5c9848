// 2. Streaming: events stored per second and the engine's event-loop lag (p50/p99/max) with 1 and
// 8 high-volume runs, beside an idle control process; with Claude Code at lower CPU priority
// (the default) and without. Target: engine p99 < 10 ms.
// 3. Memory: engine RSS idle and with 10 concurrent runs, Claude Code's RSS reported beside.
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  startFakeAnthropicProcess,
  type FakeAnthropicProcess,
} from '../tests/support/fake-anthropic-process';
import { tempDir } from '../tests/support/claude-env';
import { startEngine, type EngineHarness } from '../tests/support/engine-harness';
import { waitFor } from '../tests/support/serve-process';
import { idleControl, loopLag, printLag, report, rssMb, sleep } from './support';

const WORDS = 6_000;
let fake: FakeAnthropicProcess;
let harness: EngineHarness;

beforeAll(async () => {
  fake = await startFakeAnthropicProcess();
  harness = await startEngine(fake.url);
  await harness.call('settings.update', { concurrency: 10, performance: { warmSpare: false } });
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
});

async function startRuns(count: number, prompt: string): Promise<string[]> {
  const task = await harness.call('tasks.create', { title: 'bench', prompt, cwd: tempDir('bs') });
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push((await harness.call('tasks.run', { taskId: task.id })).id);
  return ids;
}

async function finish(ids: string[]) {
  for (const id of ids) await harness.waitForRun(id, ['succeeded', 'failed'], 300_000);
}

async function stream(count: number, lowerPriority: boolean) {
  await harness.call('settings.update', { performance: { lowerClaudePriority: lowerPriority } });
  const control = idleControl();
  const label = `${count} run${count > 1 ? 's' : ''}, Claude Code ${lowerPriority ? 'niced' : 'normal priority'}`;
  const started = performance.now();
  const { value: events, lag } = await loopLag(async () => {
    const ids = await startRuns(count, `[scenario:long words=${WORDS}]`);
    await finish(ids);
    let total = 0;
    for (const id of ids)
      total +=
        (await harness.call('runs.events', { runId: id, tail: true, limit: 1 }))[0]?.seq ?? 0;
    return total;
  });
  const seconds = (performance.now() - started) / 1000;
  report(`streaming ${label}: events stored`, events / seconds, 'events/s');
  printLag(`streaming ${label}: engine`, lag, 10);
  printLag(`streaming ${label}: idle control process`, await control.stop());
}

describe('streaming', () => {
  it('1 high-volume run', async () => {
    await stream(1, true);
  });
  it('8 high-volume runs, niced and not', async () => {
    await stream(8, true);
    await stream(8, false);
  });
});

describe('memory', () => {
  it('engine RSS idle and with 10 concurrent runs; Claude Code beside', async () => {
    await harness.call('settings.update', { performance: { lowerClaudePriority: true } });
    global.gc?.();
    await sleep(500);
    const idle = process.memoryUsage().rss / 1024 / 1024;
    const ids = await startRuns(10, '[scenario:slow words=200 delay=40]');
    const pids = await waitFor(
      '10 Claude Code processes',
      async () => {
        const runs = harness.engine.services.store.runs.withPid();
        return runs.length >= 10 ? runs.flatMap((r) => (r.pid === null ? [] : [r.pid])) : undefined;
      },
      120_000,
    );
    await sleep(1_500);
    const busy = process.memoryUsage().rss / 1024 / 1024;
    const claude = pids.map((pid) => rssMb(pid) ?? 0);
    await finish(ids);
    report('memory: engine process RSS idle (includes the vitest worker)', idle, 'MB');
    report('memory: engine process RSS with 10 runs (Claude Code excluded)', busy, 'MB');
    report('memory: engine RSS growth for 10 runs', busy - idle, 'MB');
    report(
      'memory: Claude Code RSS per run (mean of 10)',
      claude.reduce((a, b) => a + b, 0) / claude.length,
      'MB',
    );
  });
});
