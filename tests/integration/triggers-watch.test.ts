// Folder-watch triggers through the built server with real files and real chokidar: one run per
// settled batch naming the files, no loop from the run's own writes, a folder that comes and goes.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Run, Trigger } from '../../src/shared/domain';
import { tempDir } from '../support/claude-env';
import { sharedServe, untilRunStatus, waitFor } from '../support/serve-process';
import { must } from '../support/must';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Settle (300 ms) + write stability (150 ms) + loop grace (1.5 s), with room for a busy machine. */
const QUIET_PERIOD_MS = 3500;

const stack = sharedServe();

beforeAll(async () => {
  await stack.serve.call('settings.update', { triggers: { watchSettleMs: 300 } });
});

async function runsOf(taskId: string): Promise<Run[]> {
  return (await stack.serve.call('runs.list', { taskId })).sort(
    (a, b) => a.createdAt - b.createdAt,
  );
}

async function waitForRuns(taskId: string, count: number, timeoutMs = 20_000): Promise<Run[]> {
  return waitFor(
    `${count} run(s) of ${taskId}`,
    async () => {
      const runs = await runsOf(taskId);
      return runs.length >= count ? runs : undefined;
    },
    timeoutMs,
  );
}

describe('folder-watch triggers', () => {
  it('starts one run naming the changed file, and one run for a burst of changes', async () => {
    const folder = tempDir('watched-inbox');
    const task = await stack.serve.call('tasks.create', {
      title: 'Inbox',
      prompt: '[scenario:text say=filed]',
      cwd: tempDir('inbox-work'),
    });
    const trigger = await stack.serve.call('triggers.create', {
      taskId: task.id,
      kind: 'watch',
      path: folder,
      glob: '*.md',
      ignore: ['drafts/**'],
    });
    expect(trigger).toMatchObject({
      kind: 'watch',
      status: 'active',
      path: folder,
      events: ['add', 'change'],
    });
    await sleep(500);

    writeFileSync(join(folder, 'ignored.txt'), 'not markdown');
    mkdirSync(join(folder, 'drafts'));
    writeFileSync(join(folder, 'drafts', 'ignored.md'), 'a draft');
    writeFileSync(join(folder, 'note.md'), '# A note');
    const [first] = await waitForRuns(task.id, 1);
    expect(first?.trigger).toMatchObject({ kind: 'watch', triggerId: trigger.id });
    expect(first?.trigger.detail?.paths).toEqual([join(folder, 'note.md')]);
    expect(first?.prompt).toContain(`- ${join(folder, 'note.md')} (added)`);
    expect(first?.prompt).not.toContain('ignored');
    await untilRunStatus(stack.serve, must(first, 'the first run').id);
    await sleep(QUIET_PERIOD_MS);
    expect(await runsOf(task.id)).toHaveLength(1);

    // Five files over about half a second, each gap shorter than the settle time: one batch.
    const burst = ['b1.md', 'b2.md', 'b3.md', 'b4.md', 'b5.md'];
    for (const name of burst) {
      writeFileSync(join(folder, name), `# ${name}`);
      await sleep(100);
    }
    const runs = await waitForRuns(task.id, 2);
    await sleep(QUIET_PERIOD_MS);
    expect(await runsOf(task.id)).toHaveLength(2);
    const second = runs[1];
    expect(second?.trigger.detail?.paths).toEqual(burst.map((name) => join(folder, name)));
    for (const name of burst) expect(second?.prompt).toContain(join(folder, name));
    const view = await stack.serve.call('triggers.get', { triggerId: trigger.id });
    expect(view).toMatchObject({ firedCount: 2, skippedCount: 0, lastRunId: second?.id });
    await untilRunStatus(stack.serve, must(second, 'the second run').id);
    await stack.serve.call('triggers.delete', { triggerId: trigger.id });
  });

  it("does not retrigger itself from its own run's writes inside the watched folder", async () => {
    const folder = tempDir('watched-self');
    const report = join(folder, 'report.md');
    const task = await stack.serve.call('tasks.create', {
      title: 'Writes into its own folder',
      prompt: `[scenario:write path=${report} content=summary-written-by-the-agent]`,
      cwd: folder,
      permissionMode: 'acceptEdits',
      // Not 'skip': only loop prevention, not the overlap policy, may keep the write from firing.
      overlapPolicy: 'parallel',
    });
    const trigger = await stack.serve.call('triggers.create', {
      taskId: task.id,
      kind: 'watch',
      path: folder,
    });
    await sleep(500);

    writeFileSync(join(folder, 'request-1.txt'), 'please summarise');
    const [first] = await waitForRuns(task.id, 1);
    expect(first?.trigger.detail?.paths).toEqual([join(folder, 'request-1.txt')]);
    expect((await untilRunStatus(stack.serve, must(first, 'the first run').id)).status).toBe(
      'succeeded',
    );
    expect(readFileSync(report, 'utf8')).toContain('summary-written-by-the-agent');
    await sleep(QUIET_PERIOD_MS);
    expect(await runsOf(task.id)).toHaveLength(1);

    // The watch is still alive: a person's next change starts exactly one more run.
    writeFileSync(join(folder, 'request-2.txt'), 'and again');
    const runs = await waitForRuns(task.id, 2);
    expect(runs[1]?.trigger.detail?.paths).toEqual([join(folder, 'request-2.txt')]);
    expect((await untilRunStatus(stack.serve, must(runs[1], 'the second run').id)).status).toBe(
      'succeeded',
    );
    await sleep(QUIET_PERIOD_MS);
    expect(await runsOf(task.id)).toHaveLength(2);
    // The run's writes were its own: dropped, not even counted as skipped firings.
    const view = await stack.serve.call('triggers.get', { triggerId: trigger.id });
    expect(view).toMatchObject({ firedCount: 2, skippedCount: 0 });
    expect(await stack.serve.call('triggers.firings', { triggerId: trigger.id })).toHaveLength(2);
    await stack.serve.call('triggers.delete', { triggerId: trigger.id });
  });

  it('reports a missing folder on the trigger and resumes when it appears', async () => {
    const parent = tempDir('watched-parent');
    const folder = join(parent, 'dropbox');
    const task = await stack.serve.call('tasks.create', {
      title: 'Dropbox',
      prompt: '[scenario:text]',
      cwd: parent,
    });
    const created = await stack.serve.call('triggers.create', {
      taskId: task.id,
      kind: 'watch',
      path: folder,
    });
    expect(created).toMatchObject({ status: 'error', error: `Folder ${folder} does not exist` });

    mkdirSync(folder);
    await waitFor(
      'the trigger to recover',
      async () => {
        const view = await stack.serve.call('triggers.get', { triggerId: created.id });
        return view.status === 'active' && view.error === null ? view : undefined;
      },
      15_000,
    );
    await sleep(300);
    writeFileSync(join(folder, 'incoming.txt'), 'hello');
    const [run] = await waitForRuns(task.id, 1);
    expect(run?.trigger.detail?.paths).toEqual([join(folder, 'incoming.txt')]);
    await untilRunStatus(stack.serve, must(run, 'the run').id);

    rmSync(folder, { recursive: true });
    const broken: Trigger = await waitFor(
      'the trigger to report the folder gone',
      async () => {
        const view = await stack.serve.call('triggers.get', { triggerId: created.id });
        return view.status === 'error' ? view : undefined;
      },
      15_000,
    );
    expect(broken.error).toBe(`Folder ${folder} does not exist`);
    expect(existsSync(folder)).toBe(false);
    await sleep(1000);
    expect(await runsOf(task.id)).toHaveLength(1);
    expect(stack.serve.child.exitCode).toBeNull();
    await stack.serve.call('triggers.delete', { triggerId: created.id });
  });
});
