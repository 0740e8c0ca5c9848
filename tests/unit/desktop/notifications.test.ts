// Notifications: which events announce what (per-kind switches), and a click bringing the window
// forward on the item's page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { BrowserWindow, Notification, resetFakeElectron } from '../fakes/electron';
import { DEFAULT_SETTINGS } from '../../../src/main/engine/settings/settings';
import { NotificationPlanner } from '../../../src/main/desktop/notifications';
import type { RunReview } from '../../../src/shared/domain';
import { makeApproval, makeRun, startTestShell, type ShellHarness } from './shell-harness';

const choices = DEFAULT_SETTINGS.notifications; // waiting and failed on, succeeded off

describe('what gets announced', () => {
  it('announces a new pending approval once, to its run page', () => {
    const planner = new NotificationPlanner();
    const approval = makeApproval({
      id: 'a1',
      runId: 'r1',
      taskTitle: 'Deploy',
      title: 'Claude wants to run ls',
    });
    expect(planner.plan({ type: 'approval.updated', payload: approval }, choices)).toEqual({
      kind: 'waiting',
      title: 'Deploy needs you',
      body: 'Claude wants to run ls',
      route: '/runs/r1',
    });
    expect(planner.plan({ type: 'approval.updated', payload: approval }, choices)).toBeNull();
    expect(
      planner.plan(
        { type: 'approval.updated', payload: { ...approval, status: 'allowed' } },
        choices,
      ),
    ).toBeNull();
  });

  it('announces changes waiting for review once, to the run page', () => {
    const planner = new NotificationPlanner();
    const review: RunReview = {
      runId: 'r9',
      taskId: 't1',
      taskTitle: 'Refactor',
      mode: 'worktree',
      status: 'pending',
      baseBranch: 'main',
      fileCount: 3,
      conflictFiles: [],
      message: null,
      feedback: null,
      followUpRunId: null,
      createdAt: 0,
      decidedAt: null,
    };
    expect(planner.plan({ type: 'review.updated', payload: review }, choices)).toEqual({
      kind: 'waiting',
      title: 'Refactor: changes to review',
      body: '3 files changed, to merge into main',
      route: '/runs/r9',
    });
    expect(planner.plan({ type: 'review.updated', payload: review }, choices)).toBeNull();
    const approved = { ...review, runId: 'r10', status: 'approved' as const };
    expect(planner.plan({ type: 'review.updated', payload: approved }, choices)).toBeNull();
    const off = { ...choices, waiting: false };
    expect(
      planner.plan({ type: 'review.updated', payload: { ...review, runId: 'r11' } }, off),
    ).toBeNull();
  });

  it('uses the question as the body of a question', () => {
    const planner = new NotificationPlanner();
    const approval = makeApproval({
      kind: 'question',
      questions: [{ question: 'Which branch?', header: 'Branch', multiSelect: false, options: [] }],
    });
    expect(planner.plan({ type: 'approval.updated', payload: approval }, choices)?.body).toBe(
      'Which branch?',
    );
  });

  it('announces a failure once with the first line of its error; success only when switched on', () => {
    const planner = new NotificationPlanner();
    const failed = makeRun({
      id: 'r2',
      taskTitle: 'Build',
      status: 'failed',
      error: 'Exit 1\nstack…',
    });
    expect(planner.plan({ type: 'run.updated', payload: failed }, choices)).toMatchObject({
      kind: 'failed',
      title: 'Build failed',
      body: 'Exit 1',
      route: '/runs/r2',
    });
    expect(planner.plan({ type: 'run.updated', payload: failed }, choices)).toBeNull();

    const succeeded = makeRun({ status: 'succeeded', result: 'All green' });
    expect(planner.plan({ type: 'run.updated', payload: succeeded }, choices)).toBeNull();
    const other = makeRun({ status: 'succeeded', result: 'All green' });
    expect(
      planner.plan({ type: 'run.updated', payload: other }, { ...choices, succeeded: true })?.kind,
    ).toBe('succeeded');
  });

  it('stays quiet for each kind switched off, and for runs still going', () => {
    const planner = new NotificationPlanner();
    const off = { waiting: false, failed: false, succeeded: false };
    expect(planner.plan({ type: 'approval.updated', payload: makeApproval() }, off)).toBeNull();
    expect(
      planner.plan({ type: 'run.updated', payload: makeRun({ status: 'failed' }) }, off),
    ).toBeNull();
    expect(
      planner.plan({ type: 'run.updated', payload: makeRun({ status: 'running' }) }, choices),
    ).toBeNull();
  });
});

describe('notification clicks', () => {
  let harness: ShellHarness;
  const mainWindow = () => BrowserWindow.instances.find((w) => w.options.title === 'Switchboard');

  beforeEach(() => resetFakeElectron());
  afterEach(() => harness.shell.stop());

  it('opens the window on the run that waits, when the app sat in the tray', async () => {
    harness = await startTestShell({ startHidden: true });
    expect(mainWindow()).toBeUndefined();
    harness.emit({
      type: 'approval.updated',
      payload: makeApproval({ runId: 'run_7', taskTitle: 'Triage' }),
    });

    const notification = Notification.instances[0];
    expect(notification?.options.title).toBe('Triage needs you');
    expect(notification?.shown).toBe(true);
    notification?.emit('click');
    expect(mainWindow()?.loaded).toEqual(['app://switchboard/runs/run_7']);
  });

  it('focuses the open window and tells the panel to navigate', async () => {
    harness = await startTestShell({ startHidden: false });
    const window = mainWindow();
    window?.hide();
    harness.emit({
      type: 'run.updated',
      payload: makeRun({ id: 'run_9', status: 'failed', error: 'boom' }),
    });

    Notification.instances[0]?.emit('click');
    expect(window?.visible).toBe(true);
    expect(window?.focused).toBe(true);
    expect(window?.webContents.navigations()).toEqual(['/runs/run_9']);
  });

  it('shows nothing when the kind is switched off in settings', async () => {
    harness = await startTestShell({ settings: { notifications: { failed: false } } });
    harness.emit({ type: 'run.updated', payload: makeRun({ status: 'failed' }) });
    expect(Notification.instances).toHaveLength(0);
  });
});
