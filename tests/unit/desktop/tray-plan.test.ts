// The plan meter in the tray menu, parked runs in the tray's counts, and a hold announced once
// (under the fake electron module).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { Notification, Tray, resetFakeElectron } from '../fakes/electron';
import type { PlanLimits } from '../../../src/shared/domain';
import { NotificationPlanner } from '../../../src/main/desktop/notifications';
import { planMenuItems } from '../../../src/main/desktop/tray-plan';
import { EMPTY_TRAY, describeTray, reduceTray } from '../../../src/main/desktop/tray-state';
import { makeRun, startTestShell, type ShellHarness } from './shell-harness';

const NOW = new Date(2026, 11, 1, 12, 0).getTime();
const HOUR = 3_600_000;

function limits(patch: Partial<PlanLimits> = {}): PlanLimits {
  return {
    available: true,
    fiveHour: { utilization: 0.42, resetsAt: NOW + 2 * HOUR, status: 'allowed' },
    sevenDay: { utilization: 0.1, resetsAt: NOW + 50 * HOUR, status: 'allowed' },
    exhausted: null,
    hold: null,
    updatedAt: NOW,
    ...patch,
  };
}

describe('plan lines in the tray menu', () => {
  it('shows both windows with their reset times', () => {
    const labels = planMenuItems(limits(), () => undefined, NOW).map((item) => item.label);
    expect(labels).toEqual([
      'Plan usage',
      '5-hour: 42 % · resets 14:00',
      'Weekly: 10 % · resets Thu 14:00',
      undefined,
    ]);
  });

  it('says until when runs wait while a window is used up', () => {
    const full = limits({
      fiveHour: { utilization: 1, resetsAt: NOW + HOUR, status: 'rejected' },
      exhausted: { window: 'five_hour', until: NOW + HOUR },
    });
    const labels = planMenuItems(full, () => undefined, NOW).map((item) => item.label);
    expect(labels).toContain('Limit reached — runs wait until 13:00');
  });

  it('shows nothing for an API-key login', () => {
    expect(planMenuItems(limits({ available: false }), () => undefined, NOW)).toEqual([]);
    expect(planMenuItems(null, () => undefined, NOW)).toEqual([]);
  });
});

describe('parked runs in the tray', () => {
  it('counts a parked run as queued, not as needing the person', () => {
    const run = makeRun({ id: 'r1', status: 'waiting', parkedUntil: NOW + HOUR });
    const model = reduceTray(EMPTY_TRAY, { type: 'run.updated', payload: run });
    expect(describeTray(model)).toMatchObject({ needsYou: 0, queued: 1, look: 'running' });
    expect(model.recent[0]?.parked).toBe(true);
  });
});

describe('tray and notifications wired to the engine', () => {
  let harness: ShellHarness;
  const menu = () => Tray.firstMenu();

  beforeEach(async () => {
    resetFakeElectron();
    harness = await startTestShell({ limits: limits() });
  });
  afterEach(() => harness.shell.stop());

  it('shows the meter from limits.get and follows limits.updated', async () => {
    expect(menu().labels()).toContain('Plan usage');
    expect(
      menu()
        .labels()
        .some((label) => label.startsWith('5-hour: 42 %')),
    ).toBe(true);
    harness.emit({
      type: 'limits.updated',
      payload: limits({
        fiveHour: { utilization: 0.96, resetsAt: Date.now() + HOUR, status: 'allowed_warning' },
      }),
    });
    await vi.waitFor(() =>
      expect(
        menu()
          .labels()
          .some((label) => label.startsWith('5-hour: 96 %')),
      ).toBe(true),
    );
  });

  it('lists a parked run as waiting for the plan', async () => {
    harness.emit({
      type: 'run.updated',
      payload: makeRun({
        id: 'r_parked',
        taskTitle: 'Nightly',
        status: 'waiting',
        parkedUntil: Date.now() + HOUR,
      }),
    });
    await vi.waitFor(() => expect(menu().labels()).toContain('Nightly — waiting for plan'));
  });

  it('announces a hold once, however many runs it holds', () => {
    const held = limits({
      hold: { kind: 'plan', reason: 'The 5-hour limit is used up.', since: NOW },
    });
    const before = Notification.instances.length;
    harness.emit({ type: 'limits.updated', payload: held });
    harness.emit({ type: 'limits.updated', payload: held });
    harness.emit({ type: 'limits.updated', payload: { ...held, updatedAt: NOW + 1 } });
    const shown = Notification.instances.slice(before);
    expect(shown.map((n) => n.options.title)).toEqual(['Plan limit reached: runs wait']);
  });
});

describe('hold notifications', () => {
  it('follow the "waiting" choice and announce a new hold again', () => {
    const planner = new NotificationPlanner();
    const on = { waiting: true, failed: true, succeeded: false };
    const first = limits({ hold: { kind: 'budget', reason: 'Daily budget reached', since: 1 } });
    expect(
      planner.plan({ type: 'limits.updated', payload: first }, { ...on, waiting: false }),
    ).toBeNull();
    expect(planner.plan({ type: 'limits.updated', payload: first }, on)?.title).toBe(
      'Budget reached: runs wait',
    );
    expect(planner.plan({ type: 'limits.updated', payload: first }, on)).toBeNull();
    const later = limits({ hold: { kind: 'budget', reason: 'Daily budget reached', since: 2 } });
    expect(planner.plan({ type: 'limits.updated', payload: later }, on)?.route).toBe('/');
  });
});
