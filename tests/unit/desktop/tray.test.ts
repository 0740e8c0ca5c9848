// The tray: state derived from push events (pure), the icon/tooltip/menu it draws, and what each
// menu item does once the shell is wired to an engine.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { app, BrowserWindow, Tray, resetFakeElectron } from '../fakes/electron';
import type { PushEvent } from '../../../src/shared/contract';
import { trayIconPath } from '../../../src/main/desktop/resources';
import { AppTray, trayMenuTemplate, type TrayActions } from '../../../src/main/desktop/tray';
import {
  EMPTY_TRAY,
  RECENT_RUNS,
  describeTray,
  reduceTray,
  seedTray,
  trayNeedsYou,
} from '../../../src/main/desktop/tray-state';
import type { RunReview } from '../../../src/shared/domain';
import { needsYouCount } from '../../../src/shared/needs-you';
import {
  makeApproval,
  makeReview,
  makeRun,
  makeTask,
  startTestShell,
  type ShellHarness,
} from './shell-harness';

const runUpdated = (run: ReturnType<typeof makeRun>): PushEvent => ({
  type: 'run.updated',
  payload: run,
});
const approvalUpdated = (approval: ReturnType<typeof makeApproval>): PushEvent => ({
  type: 'approval.updated',
  payload: approval,
});

describe('tray state from push events', () => {
  it('is idle with nothing going on', () => {
    expect(describeTray(EMPTY_TRAY)).toMatchObject({
      look: 'idle',
      running: 0,
      needsYou: 0,
      title: '',
    });
    expect(describeTray(EMPTY_TRAY).tooltip).toBe('Switchboard — idle');
  });

  it('goes running → needs you → running → idle as a run asks and finishes', () => {
    const run = makeRun({ id: 'r1', status: 'running' });
    let model = reduceTray(EMPTY_TRAY, runUpdated(run));
    expect(describeTray(model)).toMatchObject({ look: 'running', running: 1, title: '1' });

    const approval = makeApproval({ id: 'a1', runId: 'r1' });
    model = reduceTray(model, approvalUpdated(approval));
    model = reduceTray(model, runUpdated({ ...run, status: 'waiting' }));
    expect(describeTray(model)).toMatchObject({ look: 'attention', needsYou: 1, title: '1' });
    expect(describeTray(model).tooltip).toBe('Switchboard — 1 running, 1 needs you');

    model = reduceTray(model, approvalUpdated({ ...approval, status: 'allowed' }));
    model = reduceTray(model, runUpdated({ ...run, status: 'running' }));
    expect(describeTray(model).look).toBe('running');

    model = reduceTray(model, runUpdated({ ...run, status: 'succeeded' }));
    expect(describeTray(model)).toMatchObject({ look: 'idle', running: 0 });
    expect(model.recent.map((r) => [r.id, r.status])).toEqual([['r1', 'succeeded']]);
  });

  it('counts queued runs apart and pending approvals per approval', () => {
    let model = reduceTray(EMPTY_TRAY, runUpdated(makeRun({ id: 'q', status: 'queued' })));
    expect(describeTray(model)).toMatchObject({ look: 'running', queued: 1, running: 0 });
    model = reduceTray(model, runUpdated(makeRun({ id: 'w', status: 'waiting' })));
    model = reduceTray(model, approvalUpdated(makeApproval({ runId: 'w' })));
    model = reduceTray(model, approvalUpdated(makeApproval({ runId: 'w' })));
    expect(describeTray(model)).toMatchObject({ look: 'attention', needsYou: 2 });
    expect(describeTray(model).tooltip).toBe('Switchboard — 1 running, 1 queued, 2 need you');
  });

  it('forgets the approvals of a run that ended without deciding them', () => {
    let model = reduceTray(EMPTY_TRAY, runUpdated(makeRun({ id: 'r', status: 'waiting' })));
    model = reduceTray(model, approvalUpdated(makeApproval({ runId: 'r' })));
    model = reduceTray(model, runUpdated(makeRun({ id: 'r', status: 'cancelled' })));
    expect(describeTray(model).needsYou).toBe(0);
  });

  it('keeps the newest few runs, newest first', () => {
    let model = EMPTY_TRAY;
    for (let i = 0; i < RECENT_RUNS + 3; i++) {
      model = reduceTray(
        model,
        runUpdated(makeRun({ id: `r${i}`, createdAt: 1000 + i, status: 'succeeded' })),
      );
    }
    expect(model.recent.map((r) => r.id)).toEqual(['r7', 'r6', 'r5', 'r4', 'r3']);
  });

  it('returns the same model for events that change nothing it shows', () => {
    const model = reduceTray(EMPTY_TRAY, runUpdated(makeRun({ id: 'r', status: 'running' })));
    const event: PushEvent = {
      type: 'run.event',
      payload: { runId: 'r', seq: 1, ts: 0, type: 'text', blockId: 'b', text: 'hi' },
    };
    expect(reduceTray(model, event)).toBe(model);
    expect(reduceTray(model, { type: 'task.deleted', payload: { taskId: 't' } })).toBe(model);
  });

  it('counts what the panel counts: requests, questions, plans and reviews, a sent-back review until its follow-up has its own', () => {
    const review = (runId: string, extra: Partial<RunReview> = {}): PushEvent => ({
      type: 'review.updated',
      payload: makeReview({ runId, ...extra }),
    });
    let model = reduceTray(EMPTY_TRAY, runUpdated(makeRun({ id: 'w', status: 'waiting' })));
    model = reduceTray(model, approvalUpdated(makeApproval({ runId: 'w', kind: 'tool' })));
    model = reduceTray(model, approvalUpdated(makeApproval({ runId: 'w', kind: 'question' })));
    model = reduceTray(
      model,
      approvalUpdated(makeApproval({ runId: 'w', toolName: 'ExitPlanMode' })),
    );
    model = reduceTray(model, review('done'));
    // A run waiting for a person without a request of its own (a decision not yet heard) is not
    // something to do: the count is the items, as on Home and in the inbox.
    model = reduceTray(model, runUpdated(makeRun({ id: 'heard', status: 'waiting' })));
    expect(trayNeedsYou(model)).toBe(needsYouCount({ approvals: 3, reviews: 1 }));
    expect(describeTray(model)).toMatchObject({ look: 'attention', needsYou: 4, title: '4' });

    // Sent back: still counted while the follow-up has no review of its own…
    model = reduceTray(model, review('done', { status: 'changes_requested', followUpRunId: 'f' }));
    expect(describeTray(model).needsYou).toBe(4);
    // …and replaced by the follow-up's review when it has one.
    model = reduceTray(model, review('f'));
    expect(describeTray(model).needsYou).toBe(4);
    model = reduceTray(model, review('f', { status: 'approved' }));
    expect(describeTray(model).needsYou).toBe(3);
  });

  it('seeds from what the API lists at start-up', () => {
    const model = seedTray(
      [
        makeRun({ id: 'a', status: 'waiting', createdAt: 2 }),
        makeRun({ id: 'b', status: 'failed', createdAt: 1 }),
      ],
      [makeApproval({ runId: 'a' })],
    );
    expect(describeTray(model)).toMatchObject({ look: 'attention', needsYou: 1, running: 1 });
    expect(model.recent.map((r) => r.id)).toEqual(['a', 'b']);
  });
});

describe('tray menu', () => {
  const actions = (): TrayActions & Record<string, ReturnType<typeof vi.fn>> => ({
    runTask: vi.fn(),
    quickTask: vi.fn(),
    openRun: vi.fn(),
    setSchedulesPaused: vi.fn(),
    open: vi.fn(),
    quit: vi.fn(),
    dropFiles: vi.fn(),
  });

  it('lists pinned tasks, Quick task…, recent runs, pause, open and quit', () => {
    const template = trayMenuTemplate(
      {
        pinned: [{ id: 't1', title: 'Nightly' }],
        recent: [{ id: 'r1', taskTitle: 'Nightly', status: 'waiting', createdAt: 0 }],
        paused: false,
        quickTaskAccelerator: 'CommandOrControl+Shift+Space',
      },
      actions(),
    );
    expect(template.flatMap((item) => (item.label ? [item.label] : []))).toEqual([
      'Pinned tasks',
      'Run “Nightly”',
      'Quick task…',
      'Recent runs',
      'Nightly — needs you',
      'Pause all triggers',
      'Open Switchboard',
      'Quit Switchboard',
    ]);
    expect(template.find((i) => i.label === 'Quick task…')?.accelerator).toBe(
      'CommandOrControl+Shift+Space',
    );
  });

  it('offers Resume when triggers are paused and leaves out empty sections', () => {
    const labels = trayMenuTemplate(
      { pinned: [], recent: [], paused: true, quickTaskAccelerator: null },
      actions(),
    ).flatMap((item) => (item.label ? [item.label] : []));
    expect(labels).toEqual([
      'Quick task…',
      'Resume all triggers',
      'Open Switchboard',
      'Quit Switchboard',
    ]);
  });

  it('draws the icon per look, with the count as the macOS title', () => {
    resetFakeElectron();
    const tray = new AppTray((look) => `/icons/tray-${look}Template.png`, actions(), 'darwin');
    const fake = Tray.instances[0];
    tray.render(
      {
        look: 'attention',
        running: 1,
        queued: 0,
        needsYou: 2,
        tooltip: 'Switchboard — 2 need you',
        title: '2',
      },
      { pinned: [], recent: [], paused: false, quickTaskAccelerator: null },
    );
    expect(fake?.image).toEqual({ path: '/icons/tray-attentionTemplate.png' });
    expect(fake?.title).toBe('2');
    expect(fake?.tooltip).toBe('Switchboard — 2 need you');
  });
});

describe('tray wired to the engine', () => {
  let harness: ShellHarness;
  const menu = () => Tray.firstMenu();

  beforeEach(async () => {
    resetFakeElectron();
    const pinned = makeTask({ id: 'task_pinned', title: 'Nightly' });
    harness = await startTestShell({
      tasks: [pinned],
      settings: { pinnedTaskIds: ['task_pinned', 'task_gone'] },
      runs: [makeRun({ id: 'run_old', status: 'succeeded', taskTitle: 'Nightly' })],
    });
  });
  afterEach(() => harness.shell.stop());

  it('runs a pinned task with trigger "tray" in one click', async () => {
    menu().item('Run “Nightly”').click?.();
    await vi.waitFor(() =>
      expect(harness.calls).toContainEqual([
        'tasks.run',
        { taskId: 'task_pinned', trigger: 'tray' },
      ]),
    );
    expect(menu().labels()).not.toContain('Run “task_gone”');
  });

  it('opens Quick task in its own small window on the /quick route', () => {
    menu().item('Quick task…').click?.();
    const quick = BrowserWindow.instances.find((w) => w.options.title === 'Quick task');
    expect(quick?.loaded).toEqual(['app://switchboard/quick']);
    expect(quick?.visible).toBe(true);
  });

  it('opens a recent run on its page', () => {
    menu().item('Nightly — done').click?.();
    const main = BrowserWindow.instances.find((w) => w.options.title === 'Switchboard');
    expect(main?.loaded).toEqual(['app://switchboard/runs/run_old']);
  });

  it('pauses and resumes all triggers (schedules, watches, webhooks) through settings', async () => {
    menu().item('Pause all triggers').click?.();
    await vi.waitFor(() => expect(menu().labels()).toContain('Resume all triggers'));
    expect(harness.calls).toContainEqual(['settings.update', { triggers: { paused: true } }]);
    menu().item('Resume all triggers').click?.();
    await vi.waitFor(() => expect(menu().labels()).toContain('Pause all triggers'));
  });

  it('follows runs and approvals: icon, tooltip and the dock/taskbar badge', () => {
    const tray = Tray.instances[0];
    expect(tray?.image).toEqual({ path: trayIconPath('/app/resources', 'idle') });
    harness.emit({ type: 'run.updated', payload: makeRun({ id: 'r', status: 'running' }) });
    expect(tray?.image).toEqual({ path: trayIconPath('/app/resources', 'running') });
    harness.emit({ type: 'approval.updated', payload: makeApproval({ id: 'a', runId: 'r' }) });
    expect(tray?.image).toEqual({ path: trayIconPath('/app/resources', 'attention') });
    expect(tray?.tooltip).toBe('Switchboard — 1 running, 1 needs you');
    expect(app.badgeCount).toBe(1);
    harness.emit({
      type: 'approval.updated',
      payload: makeApproval({ id: 'a', runId: 'r', status: 'allowed' }),
    });
    expect(app.badgeCount).toBe(0);
  });

  it('quits from the menu', () => {
    menu().item('Quit Switchboard').click?.();
    expect(app.quit).toHaveBeenCalled();
  });
});
