// Pruning review snapshots against real git repositories, snapshot stores, shadow repositories and
// a real store: settled runs older than the transcripts (or settled 14 days ago) lose their refs
// and saved files, open reviews and recent runs keep theirs, a deleted task's settled runs lose
// theirs, refs of runs gone from the store leave Switchboard's stores, no other ref is ever
// touched, and runs from before stores (refs in the person's repository) are pruned there.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { TranscriptRetention } from '../../../../src/main/engine/runs/transcript-retention';
import { RunBaselines } from '../../../../src/main/engine/review/run-baseline';
import { computeRunDiff } from '../../../../src/main/engine/review/run-diff';
import { SnapshotPruning } from '../../../../src/main/engine/review/snapshot-pruning';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import { TaskDeletion, UNDO_DELETE_DAYS } from '../../../../src/main/engine/tasks/task-deletion';
import type { ReviewStatus } from '../../../../src/shared/domain';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';
import { openStore } from '../../../support/store-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

function setup(shadowLimits?: { files: number; bytes: number }, chunkSize?: number) {
  const storeDir = tempDir('store');
  const store = openStore(storeDir);
  store.tasks.insert(taskRecord({ id: 'task_a' }));
  store.tasks.insert(taskRecord({ id: 'task_b' }));
  const data = tempDir('data');
  const shadowRoot = join(data, 'shadow-repos');
  const baselines = new RunBaselines({
    store,
    clock: () => NOW,
    worktreeRoot: join(data, 'worktrees'),
    stateRoot: join(data, 'reviews'),
    shadowRoot,
    ...(shadowLimits ? { shadowLimits } : {}),
  });
  const pruning = new SnapshotPruning({
    store,
    clock: () => NOW,
    shadowRoot,
    ...(chunkSize ? { chunkSize } : {}),
  });
  /** A run in `folder` that wrote one file and ended `daysAgo` days ago with review `status`. */
  const finished = async (
    id: string,
    folder: string,
    daysAgo: number,
    status: ReviewStatus | null,
    taskId = 'task_a',
  ) => {
    store.runs.insert(newRun({ id, taskId }));
    const touched = await baselines.start(id, null, folder);
    touched.note(join(folder, `${id}.txt`));
    writeFileSync(join(folder, `${id}.txt`), `${id}\n`);
    await baselines.end(id);
    store.runs.update(id, { status: 'succeeded', endedAt: NOW - daysAgo * DAY });
    if (status !== null) store.reviews.update(id, { status });
  };
  return {
    store,
    storeDir,
    baselines,
    pruning,
    finished,
    data,
    worktreeRoot: join(data, 'worktrees'),
  };
}

function repo(): { dir: string; git: (...args: string[]) => string } {
  const dir = tempDir('repo');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.txt'), 'a\n');
  git('add', 'a.txt');
  git('-c', 'user.name=P', '-c', 'user.email=p@example.com', 'commit', '-q', '-m', 'start');
  return { dir, git };
}

function refs(git: (...args: string[]) => string): string[] {
  return git('for-each-ref', '--format=%(refname)').trim().split('\n').filter(Boolean).sort();
}

/** The refs of the snapshot store `runId`'s snapshots went to. */
function storeRefs(store: ReturnType<typeof openStore>, runId: string): string[] {
  return shadowRefs(store.reviews.get(runId)?.shadowGitDir);
}

function shadowRefs(gitDir: string | null | undefined): string[] {
  const out = execFileSync('git', ['for-each-ref', '--format=%(refname)'], {
    env: { ...process.env, GIT_DIR: gitDir ?? '' },
    encoding: 'utf8',
  });
  return out.trim().split('\n').filter(Boolean).sort();
}

const runRefs = (...ids: string[]) =>
  ids.flatMap((id) => [`refs/switchboard/runs/${id}/end`, `refs/switchboard/runs/${id}/start`]);

describe('SnapshotPruning in the person’s repository', () => {
  it('drops only the refs of settled runs older than the cutoff, in one pass', async () => {
    const { store, pruning, finished } = setup();
    const { dir, git } = repo();
    await finished('run_kept', dir, 40, 'approved');
    await finished('run_undone', dir, 40, 'discarded');
    await finished('run_unreviewed', dir, 40, null);
    await finished('run_open', dir, 40, 'pending');
    await finished('run_clash', dir, 40, 'conflict');
    await finished('run_recent', dir, 2, 'approved');
    // Refs that are not a run snapshot: the person's own, and another kind in the snapshot store.
    git('update-ref', 'refs/heads/feature', 'HEAD');
    const head = git('rev-parse', 'HEAD').trim();
    const gitDir = store.reviews.get('run_kept')?.shadowGitDir ?? '';
    const inStore = (...args: string[]) =>
      execFileSync('git', args, { env: { ...process.env, GIT_DIR: gitDir } });
    inStore('update-ref', 'refs/switchboard/other', head);
    const stateDir = store.reviews.get('run_kept')?.stateDir ?? '';
    expect(existsSync(stateDir)).toBe(true);

    expect(await pruning.prune(NOW - 30 * DAY)).toBe(3);

    expect(storeRefs(store, 'run_kept')).toEqual(
      ['refs/switchboard/other', ...runRefs('run_open', 'run_clash', 'run_recent')].sort(),
    );
    // The person's repository never held a snapshot ref.
    expect(refs(git)).toEqual(['refs/heads/feature', 'refs/heads/main']);
    expect(existsSync(stateDir)).toBe(false);
    const kept = store.reviews.get('run_kept');
    expect(kept?.snapshotsPrunedAt).toBe(NOW);
    expect(store.reviews.get('run_open')?.snapshotsPrunedAt).toBeNull();
    const diff = await computeRunDiff(kept, () => [], 'run_kept');
    expect(diff.files).toEqual([]);
    expect(diff.note).toMatch(/snapshots were pruned/);
    const open = await computeRunDiff(store.reviews.get('run_open'), () => [], 'run_open');
    expect(open.files.map((f) => f.path)).toEqual(['run_open.txt']);

    // A second pass has nothing left to do; with no retention nothing goes by age.
    expect(await pruning.prune(NOW - 30 * DAY)).toBe(0);
    expect(await pruning.prune(null)).toBe(0);
  });

  it('keeps requested changes until the follow-up they started is settled', async () => {
    const { store, pruning, finished } = setup();
    const { dir, git } = repo();
    await finished('run_first', dir, 40, 'changes_requested');
    await finished('run_second', dir, 39, 'pending');
    store.reviews.update('run_first', { followUpRunId: 'run_second' });

    expect(await pruning.prune(NOW - 30 * DAY)).toBe(0);
    expect(storeRefs(store, 'run_first')).toEqual(runRefs('run_first', 'run_second').sort());

    store.reviews.update('run_second', { status: 'approved' });
    expect(await pruning.prune(NOW - 30 * DAY)).toBe(2);
    expect(storeRefs(store, 'run_first')).toEqual([]);
    expect(refs(git)).toEqual(['refs/heads/main']);
  });

  it('drops a worktree run’s refs from the repository once its worktree is gone', async () => {
    const { store, pruning, finished, worktreeRoot } = setup();
    const { dir, git } = repo();
    const worktree = join(worktreeRoot, 'run_wt');
    git('worktree', 'add', '-q', '-b', 'switchboard/run_wt', worktree);
    await finished('run_wt', worktree, 40, null);
    expect(store.reviews.get('run_wt')?.worktree).toBe(worktree);
    expect(store.reviews.get('run_wt')?.repoRoot).toBe(dir);

    // Nobody decided on it and its worktree is still there: it can still be merged.
    expect(await pruning.prune(NOW - 30 * DAY)).toBe(0);
    git('worktree', 'remove', '--force', worktree);
    expect(await pruning.prune(NOW - 30 * DAY)).toBe(1);
    expect(refs(git)).toEqual(['refs/heads/main', 'refs/heads/switchboard/run_wt']);
  });

  it('goes a chunk at a time, and stops between chunks when asked', async () => {
    const { store, pruning, finished } = setup(undefined, 2);
    const { dir, git } = repo();
    for (const id of ['run_1', 'run_2', 'run_3', 'run_4', 'run_5']) {
      await finished(id, dir, 40, 'approved');
    }
    let chunks = 0;
    const stopAfterTwo = () => {
      chunks += 1;
      return chunks > 2;
    };

    expect(await pruning.prune(NOW - 30 * DAY, stopAfterTwo)).toBe(4);
    expect(storeRefs(store, 'run_1')).toEqual(runRefs('run_5').sort());
    expect(await pruning.prune(NOW - 30 * DAY)).toBe(1);
    expect(storeRefs(store, 'run_1')).toEqual([]);
    expect(refs(git)).toEqual(['refs/heads/main']);
    expect(store.reviews.get('run_5')?.snapshotsPrunedAt).toBe(NOW);
  });

  it('marks a run pruned when its repository was deleted', async () => {
    const { store, pruning, finished } = setup();
    const { dir } = repo();
    await finished('run_kept', dir, 40, 'approved');
    execFileSync('rm', ['-rf', dir]);

    expect(await pruning.prune(NOW - 30 * DAY)).toBe(1);
    expect(store.reviews.get('run_kept')?.snapshotsPrunedAt).toBe(NOW);
  });
});

describe('SnapshotPruning in shadow repositories', () => {
  it('drops settled old runs, and the refs of runs the store no longer has', async () => {
    const { store, storeDir, pruning, finished } = setup();
    const folder = tempDir('plain');
    writeFileSync(join(folder, 'a.txt'), 'a\n');
    await finished('run_old', folder, 40, 'discarded');
    await finished('run_recent', folder, 1, null);
    await finished('run_gone', folder, 1, null);
    const gitDir = store.reviews.get('run_old')?.shadowGitDir;
    expect(shadowRefs(gitDir)).toEqual(runRefs('run_gone', 'run_old', 'run_recent').sort());
    // A run deleted from the store (its review row goes with it).
    const raw = new Database(join(storeDir, 'switchboard.sqlite'));
    raw.pragma('foreign_keys = ON');
    raw.prepare('DELETE FROM runs WHERE id = ?').run('run_gone');
    raw.close();
    expect(store.reviews.get('run_gone')).toBeUndefined();

    expect(await pruning.prune(NOW - 30 * DAY)).toBe(2);

    expect(shadowRefs(gitDir)).toEqual(runRefs('run_recent'));
    expect(store.reviews.get('run_old')?.snapshotsPrunedAt).toBe(NOW);
    expect(store.reviews.get('run_recent')?.snapshotsPrunedAt).toBeNull();
  });

  it('deletes the saved files of a folder too big for a shadow repository', async () => {
    const { store, pruning, finished } = setup({ files: 1, bytes: 1024 });
    const folder = tempDir('big');
    writeFileSync(join(folder, 'a.txt'), 'a\n');
    writeFileSync(join(folder, 'b.txt'), 'b\n');
    await finished('run_old', folder, 40, 'approved');
    const review = store.reviews.get('run_old');
    expect(review?.shadowGitDir).toBeNull();
    expect(existsSync(join(review?.stateDir ?? '', 'touched.json'))).toBe(true);

    expect(await pruning.prune(NOW - 30 * DAY)).toBe(1);
    expect(existsSync(review?.stateDir ?? '')).toBe(false);
  });
});

describe('SnapshotPruning of a deleted task', () => {
  it('drops the settled runs of that task at once, whatever their age', async () => {
    const { store, pruning, finished } = setup();
    const { dir, git } = repo();
    await finished('run_a_done', dir, 1, 'approved', 'task_a');
    await finished('run_a_open', dir, 1, 'pending', 'task_a');
    await finished('run_b_done', dir, 1, 'approved', 'task_b');

    expect(await pruning.pruneTask('task_a')).toBe(1);

    expect(storeRefs(store, 'run_a_done')).toEqual(runRefs('run_a_open', 'run_b_done').sort());
    expect(refs(git)).toEqual(['refs/heads/main']);
    expect(store.reviews.get('run_a_done')?.snapshotsPrunedAt).toBe(NOW);
  });

  it('happens when the deletion of the task settles, once it can no longer be undone', async () => {
    const { store, pruning, finished } = setup();
    const { dir, git } = repo();
    let now = NOW;
    const deletion = new TaskDeletion({
      store,
      bus: new EventBus(),
      clock: () => now,
      triggers: { restoreTask: () => undefined },
      snapshots: pruning,
    });
    await finished('run_a_done', dir, 1, 'discarded', 'task_a');

    store.tasks.markDeleted('task_a', NOW);
    store.undo.recordDeletion({ taskId: 'task_a', deletedAt: NOW, branches: [] });
    await deletion.settleExpired();
    expect(storeRefs(store, 'run_a_done')).toEqual(runRefs('run_a_done').sort());

    now = NOW + (UNDO_DELETE_DAYS + 1) * 24 * 60 * 60 * 1000;
    await deletion.settleExpired();
    expect(storeRefs(store, 'run_a_done')).toEqual([]);
    expect(refs(git)).toEqual(['refs/heads/main']);
  });
});

describe('transcript retention', () => {
  const settings = (days: number | null) => ({
    ...DEFAULT_SETTINGS,
    performance: { ...DEFAULT_SETTINGS.performance, keepTranscriptsDays: days },
  });

  it('prunes the snapshots of runs settled 14 days ago, even when transcripts are kept', async () => {
    const { store, pruning, finished } = setup();
    const { dir, git } = repo();
    await finished('run_old', dir, 40, 'approved');
    await finished('run_decided_late', dir, 40, 'approved');
    store.reviews.update('run_decided_late', { decidedAt: NOW - 3 * DAY });
    await finished('run_recent', dir, 2, null);
    const keepAll = new TranscriptRetention({
      store,
      clock: () => NOW,
      settings: () => settings(null),
      snapshots: pruning,
    });
    await keepAll.prune();
    expect(storeRefs(store, 'run_old')).toEqual(runRefs('run_decided_late', 'run_recent').sort());
    expect(refs(git)).toEqual(['refs/heads/main']);
  });

  it('with no limit of their own, prunes them as old as the transcripts it deletes', async () => {
    const { store, finished, data } = setup();
    const pruning = new SnapshotPruning({
      store,
      clock: () => NOW,
      shadowRoot: join(data, 'shadow-repos'),
      keepDays: null,
    });
    const { dir } = repo();
    await finished('run_old', dir, 40, 'approved');
    await finished('run_recent', dir, 20, 'approved');
    const keepAll = new TranscriptRetention({
      store,
      clock: () => NOW,
      settings: () => settings(null),
      snapshots: pruning,
    });
    await keepAll.prune();
    expect(storeRefs(store, 'run_old')).toEqual(runRefs('run_old', 'run_recent').sort());

    const retention = new TranscriptRetention({
      store,
      clock: () => NOW,
      settings: () => settings(30),
      snapshots: pruning,
    });
    await retention.prune();
    expect(storeRefs(store, 'run_old')).toEqual(runRefs('run_recent'));
  });
});
