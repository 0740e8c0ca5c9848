// A fake Anthropic API with an engine on it, for integration tests: one shared by a whole test
// file, or a fresh one per test that is stopped after it.
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  startFakeAnthropic,
  type FakeAnthropic,
  type FakeAnthropicOptions,
} from '../fixtures/fake-anthropic/server';
import { startEngine, type EngineHarness } from './engine-harness';

export interface EngineStack {
  fake: FakeAnthropic;
  harness: EngineHarness;
}

type EngineStartOptions = Parameters<typeof startEngine>[1];

async function startStack(
  fakeOptions?: FakeAnthropicOptions,
  engineOptions?: EngineStartOptions,
): Promise<EngineStack> {
  const fake = await startFakeAnthropic(fakeOptions);
  const harness = await startEngine(fake.url, engineOptions);
  return { fake, harness };
}

async function stopStack(stack: EngineStack | undefined): Promise<void> {
  await stack?.harness.stop();
  await stack?.fake.close();
}

/** One fake API and engine for every test in the file: read `.fake` and `.harness` in tests. */
export function sharedEngineStack(engineOptions?: EngineStartOptions): EngineStack {
  let stack: EngineStack | undefined;
  beforeAll(async () => {
    stack = await startStack(undefined, engineOptions);
  });
  afterAll(() => stopStack(stack));
  const started = (): EngineStack => {
    if (!stack) throw new Error('The engine stack starts in beforeAll; read it inside a test.');
    return stack;
  };
  return {
    get fake() {
      return started().fake;
    },
    get harness() {
      return started().harness;
    },
  };
}

/** Starts a fake API and engine for one test; each one started is stopped after its test. */
export function freshEngineStacks(): (
  fakeOptions?: FakeAnthropicOptions,
  engineOptions?: EngineStartOptions,
) => Promise<EngineStack> {
  const started: EngineStack[] = [];
  afterEach(async () => {
    for (const stack of started.splice(0)) await stopStack(stack);
  });
  return async (fakeOptions, engineOptions) => {
    const stack = await startStack(fakeOptions, engineOptions);
    started.push(stack);
    return stack;
  };
}
