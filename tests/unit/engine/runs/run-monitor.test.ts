// Stall flags, stopping by policy, and freeing the slot of a long wait, on a controlled clock.
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { RunMonitor } from '../../../../src/main/engine/runs/run-monitor';
import { RunRecorder } from '../../../../src/main/engine/runs/run-recorder';
import type { StopReason } from '../../../../src/main/engine/runs/session-runner';
import type { TreeCpu, TreeCpuReader } from '../../../../src/main/engine/lifecycle/tree-cpu';
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

function setup(runs: Partial<Settings['runs']>, liveWaiter = false, treeCpu?: TreeCpuReader) {
  const store = Store.open(tempDir('monitor'));
  opened.push(store);
  store.tasks.insert(taskRecord({ id: 'task_1' }));
  store.runs.insert(newRun({ id: 'run_1', taskId: 'task_1' }));
  let now = 0;
  const clock = () => now;
  const bus = new EventBus();
  const recorder = new RunRecorder(store, bus, clock);
  recorder.update('run_1', { status: 'running', startedAt: 0, pid: 4242 });
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
    treeCpu,
  });
  monitor.start();
  monitors.push(monitor);
  return { store, recorder, monitor, stops, at: (ms: number) => (now = ms) };
}

describe('run monitor', () => {
  it('flags a run with no sign of life for the stall time, once, and clears it when it speaks', async () => {
    const { store, recorder, monitor, stops, at } = setup({
      stallMinutes: 30,
      stallAction: 'flag',
    });
    at(10 * 60_000);
    recorder.event('run_1', { type: 'text', blockId: 'b', text: 'working' });
    at(39 * 60_000);
    await monitor.check();
    expect(store.runs.get('run_1')?.stalledAt).toBeNull();
    at(41 * 60_000);
    await monitor.check();
    await monitor.check();
    expect(store.runs.get('run_1')?.stalledAt).toBe(10 * 60_000);
    const flags = store.runs.events('run_1', 0).filter((e) => e.type === 'stalled');
    expect(flags).toHaveLength(1);
    expect(stops).toEqual([]);
    recorder.event('run_1', { type: 'text', blockId: 'b', text: 'back' });
    expect(store.runs.get('run_1')?.stalledAt).toBeNull();
  });

  it('stops a stalled run when the settings say so', async () => {
    const { monitor, stops, at } = setup({ stallMinutes: 5, stallAction: 'stop' });
    at(6 * 60_000);
    await monitor.check();
    expect(stops).toEqual([['run_1', 'stall']]);
  });

  it('frees the slot of a run that waited for a person too long; a wait is no stall', async () => {
    const { store, recorder, monitor, stops, at } = setup(
      { stallMinutes: 1, waitingSlotMinutes: 15 },
      true,
    );
    recorder.update('run_1', { status: 'waiting' });
    at(14 * 60_000);
    await monitor.check();
    expect(stops).toEqual([]);
    expect(store.runs.get('run_1')?.stalledAt).toBeNull();
    at(15 * 60_000);
    await monitor.check();
    expect(stops).toEqual([['run_1', 'park']]);
  });

  describe("with the CPU of the run's process tree", () => {
    /** A reader that reports what the test sets for the tree of 4242, and records what it was asked. */
    function cpuOf() {
      const asked: number[][] = [];
      let members: TreeCpu = new Map();
      const reader: TreeCpuReader = async (roots) => {
        asked.push([...roots]);
        return new Map([[4242, members]]);
      };
      return { reader, asked, set: (next: [number, number][]) => (members = new Map(next)) };
    }

    it('counts a busy command as a sign of life, and flags the run once the CPU goes quiet', async () => {
      const cpu = cpuOf();
      const { store, monitor, at } = setup(
        { stallMinutes: 30, stallAction: 'flag' },
        false,
        cpu.reader,
      );
      // A test suite: the Bash tool's shell and its node use a lot of CPU for 40 minutes.
      for (let minute = 0; minute <= 40; minute++) {
        at(minute * 60_000);
        cpu.set([
          [5000, minute * 100],
          [5001, minute * 20_000],
        ]);
        await monitor.check();
      }
      expect(store.runs.get('run_1')?.stalledAt).toBeNull();
      expect(cpu.asked[0]).toEqual([4242]);
      // It ends in a `sleep`: no more CPU. 30 minutes on, the run is flagged from minute 40.
      for (let minute = 41; minute <= 71; minute++) {
        at(minute * 60_000);
        await monitor.check();
      }
      expect(store.runs.get('run_1')?.stalledAt).toBe(40 * 60_000);
    });

    it('clears the flag when the tools start using CPU again', async () => {
      const cpu = cpuOf();
      const { store, monitor, at } = setup(
        { stallMinutes: 5, stallAction: 'flag' },
        false,
        cpu.reader,
      );
      cpu.set([[5000, 0]]);
      at(6 * 60_000);
      await monitor.check();
      expect(store.runs.get('run_1')?.stalledAt).toBe(0);
      at(7 * 60_000);
      cpu.set([[5000, 30_000]]);
      await monitor.check();
      expect(store.runs.get('run_1')?.stalledAt).toBeNull();
    });

    it('does not count a trickle below 1 % of a core, nor a process that exits', async () => {
      const cpu = cpuOf();
      const { store, monitor, at } = setup(
        { stallMinutes: 5, stallAction: 'flag' },
        false,
        cpu.reader,
      );
      cpu.set([
        [5000, 1_000],
        [5001, 90_000],
      ]);
      await monitor.check();
      // Each minute a background shell adds 0.5 s (under 0.6 s, 1 % of a minute); 5001 exits.
      for (let minute = 1; minute <= 6; minute++) {
        at(minute * 60_000);
        cpu.set([[5000, 1_000 + minute * 500]]);
        await monitor.check();
      }
      expect(store.runs.get('run_1')?.stalledAt).toBe(0);
    });

    it('counts a new process in the tree in full, and reads nothing while no run is running', async () => {
      const cpu = cpuOf();
      const { store, recorder, monitor, at } = setup(
        { stallMinutes: 5, stallAction: 'flag' },
        false,
        cpu.reader,
      );
      cpu.set([[5000, 0]]);
      await monitor.check();
      at(4 * 60_000);
      cpu.set([
        [5000, 0],
        [6000, 5_000],
      ]);
      await monitor.check();
      at(8 * 60_000);
      await monitor.check();
      expect(store.runs.get('run_1')?.stalledAt).toBeNull();
      recorder.update('run_1', { status: 'succeeded', pid: null });
      const reads = cpu.asked.length;
      await monitor.check();
      expect(cpu.asked.length).toBe(reads);
    });

    it('flags as before when the reading fails', async () => {
      const reader: TreeCpuReader = async () => {
        throw new Error('ps: not found');
      };
      const { store, monitor, at } = setup({ stallMinutes: 5, stallAction: 'flag' }, false, reader);
      at(6 * 60_000);
      await monitor.check();
      expect(store.runs.get('run_1')?.stalledAt).toBe(0);
    });

    it('a reading that ends after the monitor stopped touches nothing (the store is closed)', async () => {
      let finish: (cpu: Map<number, TreeCpu>) => void = () => undefined;
      const reader: TreeCpuReader = () => new Promise((resolve) => (finish = resolve));
      const { store, monitor, at } = setup({ stallMinutes: 5, stallAction: 'stop' }, false, reader);
      at(6 * 60_000);
      const checking = monitor.check();
      monitor.stop();
      store.close();
      finish(new Map([[4242, new Map([[5000, 60_000]])]]));
      await expect(checking).resolves.toBeUndefined();
    });
  });
});
