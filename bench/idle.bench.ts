// 6. Idle: the engine's CPU and RSS over 60 s with 20 schedules and 5 folder watches on
// 5,000-file folders, and its longest event-loop stall. Targets: under 1 % CPU, no stall over 16 ms.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../tests/fixtures/fake-anthropic/server';
import { tempDir } from '../tests/support/claude-env';
import { startEngine, type EngineHarness } from '../tests/support/engine-harness';
import { idleControl, loopLag, printLag, report, sleep } from './support';

const SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const WARM_UP_SECONDS = Number(process.env.BENCH_IDLE_WARM_UP_SECONDS ?? 20);
const LAG_SECONDS = Number(process.env.BENCH_IDLE_LAG_SECONDS ?? 30);
let fake: FakeAnthropic;
let harness: EngineHarness;

beforeAll(async () => {
  fake = await startFakeAnthropic();
  harness = await startEngine(fake.url);
  // The warm spare is a separate process; it is measured in the memory group, not here.
  await harness.call('settings.update', { performance: { warmSpare: false } });
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
});

function folderWith(files: number): string {
  const dir = tempDir('bench-watch');
  for (let d = 0; d < files / 500; d++) {
    const sub = join(dir, `d${d}`);
    mkdirSync(sub);
    for (let f = 0; f < 500; f++) writeFileSync(join(sub, `f${f}.txt`), 'x');
  }
  return dir;
}

describe('idle', () => {
  it(`CPU and RSS over ${SECONDS} s with 20 schedules and 5 watches`, async () => {
    const task = await harness.call('tasks.create', {
      title: 'idle',
      prompt: 'never runs',
      cwd: tempDir('bench-idle'),
    });
    for (let i = 0; i < 20; i++) {
      await harness.call('triggers.create', {
        taskId: task.id,
        kind: 'cron',
        cron: `${i} 3 1 1 *`,
      });
    }
    for (let i = 0; i < 5; i++) {
      await harness.call('triggers.create', {
        taskId: task.id,
        kind: 'watch',
        path: folderWith(5_000),
      });
    }
    // Let the watches finish their first scan (ours, and chokidar's walk of 25,000 files) and the
    // garbage of it be collected: idle is what follows.
    await sleep(WARM_UP_SECONDS * 1000);
    const rssBefore = process.memoryUsage().rss / 1024 / 1024;
    // CPU first, with nothing else in the process: the loop-lag monitor below wakes every
    // millisecond, which alone costs a few percent of a core.
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await sleep(SECONDS * 1000);
    const cpu = process.cpuUsage(cpuBefore);
    const elapsedMs = performance.now() - started;
    const percent = ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100;
    const control = idleControl();
    const { lag } = await loopLag(() => sleep(LAG_SECONDS * 1000));
    const controlLag = await control.stop();
    report(`idle: engine CPU over ${SECONDS} s`, percent, '%', { max: 1 });
    report(
      'idle: engine RSS (includes the vitest worker)',
      process.memoryUsage().rss / 1024 / 1024,
      'MB',
    );
    report(
      'idle: RSS change over the period',
      process.memoryUsage().rss / 1024 / 1024 - rssBefore,
      'MB',
    );
    report(`idle: longest event-loop stall over the next ${LAG_SECONDS} s`, lag.max, 'ms', {
      max: 16,
    });
    printLag('idle: an idle control process beside it', controlLag);
  });
});
