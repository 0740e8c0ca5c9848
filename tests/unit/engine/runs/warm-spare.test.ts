// The warm spare's bookkeeping with a prewarm that resolves when the test says: a spare that
// finishes starting after the setting was turned off (or the options changed) is closed, never
// parked. The real process is exercised in tests/integration/warm-spare.test.ts.
import type { SpareProcess } from '@anthropic-ai/claude-agent-sdk';
import { describe, expect, it } from 'vitest';
import {
  WarmSpare,
  type PrewarmFunction,
  type SparePlan,
} from '../../../../src/main/engine/runs/warm-spare';

interface PendingPrewarm {
  resolve: (spare: SpareProcess) => void;
}

function fakeSpare(): { spare: SpareProcess; closed: () => boolean } {
  let closed = false;
  let exit: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => (exit = resolve));
  const spare = {
    close: () => {
      closed = true;
      exit();
    },
    exited,
  } as unknown as SpareProcess;
  return { spare, closed: () => closed };
}

function setup() {
  const pending: PendingPrewarm[] = [];
  const prewarm: PrewarmFunction = () =>
    new Promise<SpareProcess>((resolve) => pending.push({ resolve }));
  let plan: SparePlan = { enabled: true, host: { env: { A: '1' } }, lowerPriority: true };
  const warm = new WarmSpare({
    prewarm,
    spawn: () => {
      throw new Error('the fake prewarm spawns nothing');
    },
    plan: async () => plan,
  });
  return { warm, pending, setPlan: (next: SparePlan) => (plan = next) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('WarmSpare', () => {
  it('closes a spare that finishes starting after the setting was turned off', async () => {
    const { warm, pending, setPlan } = setup();
    const filling = warm.fill();
    await settle();
    expect(pending).toHaveLength(1);

    setPlan({ enabled: false, host: { env: { A: '1' } }, lowerPriority: true });
    const refreshing = warm.refresh();
    const late = fakeSpare();
    pending[0]?.resolve(late.spare);
    await Promise.all([filling, refreshing]);

    expect(late.closed()).toBe(true);
    expect(warm.isReady).toBe(false);
    expect(pending).toHaveLength(1); // and no other is started while the setting is off
  });

  it('replaces a spare that finishes starting with options changed meanwhile', async () => {
    const { warm, pending, setPlan } = setup();
    void warm.fill();
    await settle();
    setPlan({ enabled: true, host: { env: { A: '2' } }, lowerPriority: true });
    const refreshing = warm.refresh();
    const stale = fakeSpare();
    pending[0]?.resolve(stale.spare);
    await settle();
    await settle();
    expect(stale.closed()).toBe(true);
    expect(pending).toHaveLength(2);
    const fresh = fakeSpare();
    pending[1]?.resolve(fresh.spare);
    await refreshing;
    expect(fresh.closed()).toBe(false);
    expect(warm.isReady).toBe(true);
  });
});
