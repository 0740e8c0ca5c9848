// The desktop shell across an engine host restart: what changed while the host was down arrives
// as state, not events, so the shell reloads the tray when engine.status says running again.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import { Tray, app, resetFakeElectron } from '../fakes/electron';
import type { Task } from '../../../src/shared/domain';
import { makeTask, startTestShell, type ShellHarness } from './shell-harness';

describe('desktop shell and the engine host', () => {
  let harness: ShellHarness | undefined;
  afterEach(() => harness?.shell.stop());

  it('reloads tasks, runs and approvals into the tray when the host is back', async () => {
    resetFakeElectron();
    const tasks: Task[] = [];
    harness = await startTestShell({ tasks, settings: { pinnedTaskIds: ['task_new'] } });
    const labels = () => Tray.instances[0]?.menu?.labels() ?? [];
    expect(labels()).not.toContain('Run “Made meanwhile”');

    // Made while the host was restarting: no task.updated event reached the shell.
    tasks.push(makeTask({ id: 'task_new', title: 'Made meanwhile' }));
    harness.emit({ type: 'engine.status', payload: { state: 'restarting', message: 'x' } });
    expect(labels()).not.toContain('Run “Made meanwhile”');
    harness.emit({ type: 'engine.status', payload: { state: 'running', message: null } });
    await vi.waitFor(() => expect(labels()).toContain('Run “Made meanwhile”'));
    expect(app.badgeCount).toBe(0);
  });
});
