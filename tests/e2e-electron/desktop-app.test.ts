// The packaged shape of the app in the real Electron binary: the locked-down window, the bridge,
// and a task run against the fake Anthropic API whose approval is given from the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/claude-env';
import { waitFor } from '../support/serve-process';
import {
  electronUnavailableReason,
  launchApp,
  type LaunchedApp,
  type PageGlobals,
} from './launch-app';

const unavailable = electronUnavailableReason();
if (unavailable && process.env.SWITCHBOARD_REQUIRE_ELECTRON !== '1') {
  console.warn(`e2e-electron: SKIPPED — ${unavailable}`);
}
const run = unavailable === null || process.env.SWITCHBOARD_REQUIRE_ELECTRON === '1';

describe.runIf(run)('the desktop app in Electron', () => {
  let launched: LaunchedApp | undefined;
  const app = (): LaunchedApp => {
    if (!launched) throw new Error('the app did not start');
    return launched;
  };

  beforeAll(async () => {
    if (unavailable) throw new Error(unavailable);
    launched = await launchApp();
  });
  afterAll(async () => launched?.close());

  it('shows the panel with exactly the desktop bridge and no Node in the page', async () => {
    const { page } = app();
    expect(new URL(page.url()).protocol).toBe('app:');
    const shape = await page.evaluate(() => {
      const globals = globalThis as unknown as PageGlobals;
      return {
        bridge: Object.keys(globals.switchboard).sort(),
        require: typeof globals.require,
        process: typeof globals.process,
      };
    });
    expect(shape).toEqual({
      bridge: ['call', 'onNavigate', 'pathForFile', 'pickFolder', 'subscribe'],
      require: 'undefined',
      process: 'undefined',
    });
  });

  it('stays on the panel when the page tries to navigate away', async () => {
    const { page } = app();
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(new URL(page.url()).protocol).toBe('app:');
  });

  it('runs a task against the fake API and takes the approval from the window', async () => {
    const { call } = app();
    const task = await call('tasks.create', {
      title: 'E2E bash',
      prompt: '[scenario:bash command=echo%20from-electron]',
      // Not the data folder: tasks may not work inside it.
      cwd: tempDir('e2e-work'),
    });
    const started = await call('tasks.run', { taskId: task.id });
    const approval = await waitFor('a pending approval', async () =>
      (await call('approvals.list', { status: 'pending' })).find((a) => a.runId === started.id),
    );
    expect(approval.toolName).toBe('Bash');
    await call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await waitFor(
      'the run to finish',
      async () => {
        const current = await call('runs.get', { runId: started.id });
        return ['succeeded', 'failed'].includes(current.status) ? current : undefined;
      },
      60_000,
    );
    expect(done.status).toBe('succeeded');
  });
});
