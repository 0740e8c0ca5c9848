// Stall flags, stopping by policy, and freeing the slot of a long wait, on a controlled clock.
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { RunMonitor } from '../../../../src/main/engine/runs/run-monitor';
import { RunRecorder } from '../../../../src/main/engine/runs/run-recorder';
import type { StopReason } from '../../../../src/main/engine/runs/session-runner';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import { Store } from '../../../../src/main/engine/store';
import type { Settings } from '../../../../src/shared/domain';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';

const opened: Store[] = [];
const monitors: RunMonitor[] = [];
afterEach(() => {
  monitors.splice(0).forEach((m) => m.stop());
  opened.splice(0).forEach((s) => s.close());
});

function setup(runs: Partial<Settings['runs']>, liveWaiter = false) {
  const store = Store.open(tempDir('monitor'));
  opened.push(store);
  store.tasks.insert(taskRecord({ id: 'task_1' }));
  store.runs.insert(newRun({ id: 'run_1', taskId: 'task_1' }));
  let now = 0;
  const clock = () => now;
  const bus = new EventBus();
  const recorder = new RunRecorder(store, bus, clock);
  recorder.update('run_1', { status: 'running', startedAt: 0 });
  const stops: [string, StopReason][] = [];
  const monitor = new RunMonitor({
    store,
    bus,
    recorder,
    clock,
    settings: () => ({ ...DEFAULT_SETTINGS, runs: { ...DEFAULT_SETTINGS.runs, ...runs } }),
    runs: {
      hasSession: () => true,
      stop: (runId, reason) => {
        stops.push([runId, reason]);
        return true;
      },
    },
    approvals: { hasLiveWaiter: () => liveWaiter, expireOverdue: () => [] },
    intervalMs: 3_600_000,
  });
  monitor.start();
  monitors.push(monitor);
  return { store, recorder, monitor, stops, at: (ms: number) => (now = ms) };
}

describe('run monitor', () => {
  it('flags a run with no sign of life for the stall time, once, and clears it when it speaks', () => {
    const { store, recorder, monitor, stops, at } = setup({
      stallMinutes: 30,
      stallAction: 'flag',
    });
    at(10 * 60_000);
    recorder.event('run_1', { type: 'text', blockId: 'b', text: 'working' });
    at(39 * 60_000);
    monitor.check();
    expect(store.runs.get('run_1')?.stalledAt).toBeNull();
    at(41 * 60_000);
    monitor.check();
    monitor.check();
    expect(store.runs.get('run_1')?.stalledAt).toBe(10 * 60_000);
    const flags = store.runs.events('run_1', 0).filter((e) => e.type === 'error');
    expect(flags).toHaveLength(1);
    expect(stops).toEqual([]);
    recorder.event('run_1', { type: 'text', blockId: 'b', text: 'back' });
    expect(store.runs.get('run_1')?.stalledAt).toBeNull();
  });

  it('stops a stalled run when the settings say so', () => {
    const { monitor, stops, at } = setup({ stallMinutes: 5, stallAction: 'stop' });
    at(6 * 60_000);
    monitor.check();
    expect(stops).toEqual([['run_1', 'stall']]);
  });

  it('frees the slot of a run that waited for a person too long; a wait is no stall', () => {
    const { store, recorder, monitor, stops, at } = setup(
      { stallMinutes: 1, waitingSlotMinutes: 15 },
      true,
    );
    recorder.update('run_1', { status: 'waiting' });
    at(14 * 60_000);
    monitor.check();
    expect(stops).toEqual([]);
    expect(store.runs.get('run_1')?.stalledAt).toBeNull();
    at(15 * 60_000);
    monitor.check();
    expect(stops).toEqual([['run_1', 'park']]);
  });
});
