// Notifications: which events announce what (per-kind switches), and a click bringing the window
// forward on the item's page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { BrowserWindow, Notification, fakeEvent, resetFakeElectron } from '../fakes/electron';
import { DEFAULT_SETTINGS } from '../../../src/main/engine/settings/settings';
import {
  DesktopNotifier,
  NotificationPlanner,
  type NotificationIntent,
} from '../../../src/main/desktop/notifications';
import type { PushEvent } from '../../../src/shared/contract';
import type { RunReview } from '../../../src/shared/domain';
import { makeApproval, makeRun, startTestShell, type ShellHarness } from './shell-harness';

const choices = DEFAULT_SETTINGS.notifications; // waiting and failed on, succeeded off

const review: RunReview = {
  runId: 'r9',
  taskId: 't1',
  taskTitle: 'Refactor',
  mode: 'worktree',
  status: 'pending',
  baseBranch: 'main',
  fileCount: 3,
  conflictFiles: [],
  mergeUndoable: false,
  message: null,
  feedback: null,
  followUpRunId: null,
  createdAt: 0,
  decidedAt: null,
  undoUntil: null,
};

/** Events announced the first time they are seen, with what the notification says. */
const ANNOUNCED_ONCE: [what: string, event: PushEvent, intent: NotificationIntent][] = [
  [
    'a new pending approval',
    {
      type: 'approval.updated',
      payload: makeApproval({
        id: 'a1',
        runId: 'r1',
        taskTitle: 'Deploy',
        title: 'Claude wants to run ls',
      }),
    },
    {
      kind: 'waiting',
      title: 'Deploy needs you',
      body: 'Claude wants to run ls',
      route: '/runs/r1',
    },
  ],
  [
    'changes waiting for review',
    { type: 'review.updated', payload: review },
    {
      kind: 'waiting',
      title: 'Refactor: changes to review',
      body: '3 files changed, to merge into main',
      route: '/runs/r9',
    },
  ],
  [
    'a failure, with the first line of its error',
    {
      type: 'run.updated',
      payload: makeRun({ id: 'r2', taskTitle: 'Build', status: 'failed', error: 'Exit 1\nstack…' }),
    },
    { kind: 'failed', title: 'Build failed', body: 'Exit 1', route: '/runs/r2' },
  ],
];

describe('what gets announced', () => {
  it.each(ANNOUNCED_ONCE)('announces %s once, to its run page', (_what, event, intent) => {
    const planner = new NotificationPlanner();
    expect(planner.plan(event, choices)).toEqual(intent);
    expect(planner.plan(event, choices)).toBeNull();
  });

  it('announces neither a decided approval nor a settled review', () => {
    const planner = new NotificationPlanner();
    const allowed = makeApproval({ status: 'allowed' });
    expect(planner.plan({ type: 'approval.updated', payload: allowed }, choices)).toBeNull();
    const approved = { ...review, status: 'approved' as const };
    expect(planner.plan({ type: 'review.updated', payload: approved }, choices)).toBeNull();
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

  it('announces a success only when switched on', () => {
    const planner = new NotificationPlanner();
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
    expect(planner.plan({ type: 'review.updated', payload: review }, off)).toBeNull();
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
    window?.finishLoad();
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

  it('loads the route itself in a window still loading (its page may not listen yet)', async () => {
    harness = await startTestShell({ startHidden: false });
    const window = mainWindow();
    expect(window?.webContents.isLoading()).toBe(true);
    harness.emit({
      type: 'run.updated',
      payload: makeRun({ id: 'run_4', status: 'failed', error: 'boom' }),
    });
    Notification.instances[0]?.emit('click');
    expect(window?.loaded).toEqual(['app://switchboard/', 'app://switchboard/runs/run_4']);
    expect(window?.webContents.navigations()).toEqual([]);
  });

  it('forgets a notification the OS refused (an unsigned macOS build), and says why once', () => {
    const notifier = new DesktopNotifier(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    notifier.show({ title: 'a', body: 'b', route: '/' });
    notifier.show({ title: 'c', body: 'd', route: '/' });
    expect(notifier.kept).toBe(2);
    for (const shown of Notification.instances) shown.emit('failed', fakeEvent(), 'not allowed');
    expect(notifier.kept).toBe(0);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('shows nothing when the kind is switched off in settings', async () => {
    harness = await startTestShell({ settings: { notifications: { failed: false } } });
    harness.emit({ type: 'run.updated', payload: makeRun({ status: 'failed' }) });
    expect(Notification.instances).toHaveLength(0);
  });
});
