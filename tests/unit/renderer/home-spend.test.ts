import { describe, expect, it } from 'vitest';
import type { ModelUsage } from '../../../src/shared/domain';
import {
  applyRunUpdate,
  spendNow,
  type HomeData,
} from '../../../src/renderer/src/views/home/home-data';
import { run } from '../../support/records';

const DAY = 86_400_000;
const startOfMonth = Date.UTC(2026, 11, 1);
const startOfToday = startOfMonth + DAY;

const usage = (costUsd: number): ModelUsage => ({
  model: 'claude-opus-5-5',
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheCreationInputTokens: 0,
  costUsd,
});

function home(active: HomeData['active']): HomeData {
  return {
    active,
    recent: [],
    recordedTodayUsd: 1,
    recordedMonthUsd: 10,
    startOfToday,
    startOfMonth,
    recordedAtLoad: new Map(
      active.map((r) => [r.id, r.modelUsage.reduce((sum, u) => sum + u.costUsd, 0)]),
    ),
    taskCount: 1,
  };
}

describe("Home's spend", () => {
  it('adds what the runs going now spent beyond what is recorded, by the day they started', () => {
    const data = home([
      // Going since today: 0.25 live on top of 0.5 recorded before it waited.
      run({
        id: 'a',
        status: 'running',
        startedAt: startOfToday + 1,
        costUsd: 0.75,
        modelUsage: [usage(0.5)],
      }),
      // Going since earlier this month: counts for the month only.
      run({ id: 'b', status: 'waiting', startedAt: startOfMonth + 1, costUsd: 2 }),
      run({ id: 'c', status: 'queued', startedAt: null, createdAt: startOfToday + 2, costUsd: 0 }),
    ]);
    expect(spendNow(data)).toEqual({ todayUsd: 1.25, monthUsd: 12.25 });
  });

  it('moves with the pushes, and keeps a run that just ended until Home reloads', () => {
    const going = run({ id: 'a', status: 'running', startedAt: startOfToday + 1, costUsd: 0.1 });
    let data = home([going]);
    data = applyRunUpdate(data, { ...going, costUsd: 0.3 });
    expect(spendNow(data).todayUsd).toBeCloseTo(1.3);
    // The result records the spend by model; costs.summary has it only after the reload.
    data = applyRunUpdate(data, {
      ...going,
      status: 'succeeded',
      costUsd: 0.4,
      modelUsage: [usage(0.4)],
    });
    expect(spendNow(data).todayUsd).toBeCloseTo(1.4);
  });
});
