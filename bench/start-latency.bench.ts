// 1. Start latency: run request → the first API request, for a run on the warm spare, a cold run,
// and a bare `claude -p` of the same binary, against the fake API (median of 10 alternating
// pairs each). Target: warm ≤ 0.5 × bare. Both sides run at normal CPU priority (the "lower
// priority" setting off): on a saturated machine a niced Claude Code starts later, which is the
// point of that setting but not what this compares.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../tests/fixtures/fake-anthropic/server';
import { claudeEnv, tempDir } from '../tests/support/claude-env';
import { startEngine, type EngineHarness } from '../tests/support/engine-harness';
import { waitFor } from '../tests/support/serve-process';
import { median, report, sleep } from './support';

const PAIRS = 10;
let fake: FakeAnthropic;
let harness: EngineHarness;
const arrivals: number[] = [];

beforeAll(async () => {
  fake = await startFakeAnthropic();
  // Stamp each API request as the fake records it.
  const push = fake.requests.push.bind(fake.requests);
  fake.requests.push = (...items) => {
    arrivals.push(performance.now());
    return push(...items);
  };
  harness = await startEngine(fake.url);
});

afterAll(async () => {
  await harness.stop();
  await fake.close();
});

async function firstRequestAfter(start: number, before: number): Promise<number> {
  const at = await waitFor('the first API request', () => arrivals[before], 60_000);
  return at - start;
}

async function engineRun(): Promise<number> {
  const task = await harness.call('tasks.create', {
    title: 'bench',
    prompt: '[scenario:text say=ok]',
    cwd: tempDir('bench-start'),
  });
  const before = arrivals.length;
  const start = performance.now();
  const run = await harness.call('tasks.run', { taskId: task.id });
  const ms = await firstRequestAfter(start, before);
  await harness.waitForRun(run.id, ['succeeded', 'failed']);
  return ms;
}

function claudeBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@anthropic-ai/claude-agent-sdk-linux-x64/package.json');
  return join(dirname(pkg), 'claude');
}

async function bareRun(env: Record<string, string>): Promise<number> {
  const before = arrivals.length;
  const start = performance.now();
  const child = spawn(claudeBinary(), ['-p', '[scenario:text say=ok]'], {
    cwd: tempDir('bench-bare'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  // Listened for at once: on an idle machine it may be gone before its request is seen.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ms = await firstRequestAfter(start, before);
  await exited;
  return ms;
}

async function pairs(label: string, engineSide: () => Promise<number>) {
  const env = claudeEnv(fake.url);
  const engine: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    engine.push(await engineSide());
    bare.push(await bareRun(env));
    await sleep(200);
  }
  const ratio = median(engine) / median(bare);
  report(`start ${label}: run request → first API request (median)`, median(engine), 'ms');
  report(`start bare claude -p: spawn → first API request (median)`, median(bare), 'ms');
  report(`start ${label} / bare ratio`, ratio, '×', label === 'warm' ? { max: 0.5 } : undefined);
}

describe('start latency', () => {
  it('warm spare vs bare claude -p', async () => {
    await harness.call('settings.update', {
      performance: { warmSpare: true, lowerClaudePriority: false },
    });
    await pairs('warm', async () => {
      await waitFor(
        'a parked spare',
        () => harness.engine.services.spare?.pid ?? undefined,
        60_000,
      );
      return engineRun();
    });
  });

  it('cold start vs bare claude -p', async () => {
    await harness.call('settings.update', { performance: { warmSpare: false } });
    await pairs('cold', engineRun);
  });
});
