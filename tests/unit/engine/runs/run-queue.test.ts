// The run queue against a real store: runs start in the order they were queued, never more at once
// than the concurrency setting, and the rest say why they wait (a free slot, a budget, a hold from
// limits/); held runs are looked at again each minute (fake timers), and a stopped queue starts none.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../../src/shared/domain';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { RunQueue, type HeldBy } from '../../../../src/main/engine/runs/run-queue';
import { RunRecorder } from '../../../../src/main/engine/runs/run-recorder';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import type { RunRecord, Store } from '../../../../src/main/engine/store';
import { newRun, taskRecord } from '../../../support/records';
import { openStore, seed } from '../../../support/store-fixtures';

const NOW = new Date(2026, 5, 15, 12, 0, 0).getTime();

interface Setup {
  store: Store;
  queue: RunQueue;
  started: string[];
  holds: (HeldBy | null)[];
  settings: Settings;
  active: { count: number };
  queued: (id: string) => string;
  heldReason: (id: string) => string | null;
}

function setup(
  options: {
    concurrency?: number;
    holdOf?: (run: RunRecord, budget: string | null) => HeldBy | null;
  } = {},
): Setup {
  const store = openStore();
  const bus = new EventBus();
  const clock = () => Date.now();
  const recorder = new RunRecorder(store, bus, clock);
  const settings: Settings = { ...DEFAULT_SETTINGS, concurrency: options.concurrency ?? 1 };
  const started: string[] = [];
  const holds: (HeldBy | null)[] = [];
  const active = { count: 0 };
  store.tasks.insert(taskRecord({ id: 'task_q', createdAt: NOW, updatedAt: NOW }));
  const queue = new RunQueue({
    store,
    recorder,
    clock,
    settings: () => settings,
    activeCount: () => active.count,
    start: (runId) => {
      started.push(runId);
      active.count++;
    },
    holdOf: options.holdOf,
    onHold: (hold) => holds.push(hold),
  });
  const queued = (id: string) => {
    store.runs.insert(newRun({ id, taskId: 'task_q', createdAt: NOW }));
    return id;
  };
  const heldReason = (id: string) => store.runs.get(id)?.heldReason ?? null;
  return { store, queue, started, holds, settings, active, queued, heldReason };
}

describe('RunQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts runs in the order they were queued, as many as the concurrency allows', () => {
    const { queue, started, queued, heldReason } = setup({ concurrency: 2 });
    for (const id of ['run_1', 'run_2', 'run_3']) queue.enqueue(queued(id));

    expect(started).toEqual(['run_1', 'run_2']);
    expect(queue.size).toBe(1);
    expect(heldReason('run_3')).toBe(
      'Waiting for a free slot (2 at a time; change it in Settings).',
    );
  });

  it('starts the next run when a slot frees and the queue is pumped', () => {
    const { queue, started, queued, active } = setup();
    queue.enqueue(queued('run_1'));
    queue.enqueue(queued('run_2'));
    expect(started).toEqual(['run_1']);

    active.count = 0;
    queue.pump();
    expect(started).toEqual(['run_1', 'run_2']);
    expect(queue.size).toBe(0);
  });

  it('queues a run once, however often it is enqueued', () => {
    const { queue, queued, active } = setup();
    active.count = 1;
    const id = queued('run_1');
    queue.enqueue(id);
    queue.enqueue(id);
    expect(queue.size).toBe(1);
    expect(queue.remove(id)).toBe(true);
    expect(queue.remove(id)).toBe(false);
    expect(queue.size).toBe(0);
  });

  it('holds every run while the daily budget is spent, and says so', () => {
    const { store, queue, started, holds, queued, settings, heldReason } = setup({
      concurrency: 3,
    });
    settings.budgets = { ...settings.budgets, dailyUsd: 1 };
    seed(store, NOW - 60_000, 1.5, 'claude-sonnet-4-5', 'task_q');
    queue.enqueue(queued('run_1'));

    expect(started).toEqual([]);
    expect(heldReason('run_1')).toBe(
      'Daily budget of $1.00 reached ($1.50 spent today). Runs wait until tomorrow or a higher budget.',
    );
    expect(holds.at(-1)).toEqual({
      kind: 'budget',
      reason: heldReason('run_1'),
    });
  });

  it('looks at held runs again each minute, and starts them once nothing holds them', () => {
    let holding = true;
    const { queue, started, holds, queued, heldReason } = setup({
      holdOf: () => (holding ? { kind: 'plan', reason: 'The plan window is used up.' } : null),
    });
    queue.enqueue(queued('run_1'));
    expect(started).toEqual([]);
    expect(heldReason('run_1')).toBe('The plan window is used up.');

    holding = false;
    vi.advanceTimersByTime(59_999);
    expect(started).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(started).toEqual(['run_1']);
    expect(holds.at(-1)).toBeNull();
  });

  it('writes a held run only when its reason changes', () => {
    const { store, queue, queued } = setup();
    queue.enqueue(queued('run_1'));
    queue.enqueue(queued('run_2'));
    const writes = vi.spyOn(store.runs, 'update');
    queue.pump();
    queue.pump();
    expect(writes).not.toHaveBeenCalled();
  });

  it('starts nothing once stopped, and keeps its runs queued for the next start', () => {
    const { queue, started, queued, active } = setup();
    active.count = 1;
    queue.enqueue(queued('run_1'));
    queue.stop();
    active.count = 0;
    queue.pump();
    vi.advanceTimersByTime(120_000);
    expect(started).toEqual([]);
    expect(queue.size).toBe(1);
  });
});
