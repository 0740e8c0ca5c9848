// A discard of a run in place against a real repository and store, with an injected clock: the
// tool-call snapshots tell the run's change from the person's, discard takes back only the run's
// (an executable it deleted comes back executable), and its Undo lasts 24 hours or until the next
// decision on the same folder.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { ReviewService, UNDO_DISCARD_MS } from '../../../../src/main/engine/review/review-service';
import { RunBaselines } from '../../../../src/main/engine/review/run-baseline';
import type { RunService } from '../../../../src/main/engine/runs/run-service';
import { DEFAULT_SETTINGS } from '../../../../src/main/engine/settings/settings';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';
import { openStore } from '../../../support/store-fixtures';

const NOW = 1_000_000;

function setup() {
  let now = NOW;
  const store = openStore(tempDir('store'));
  store.tasks.insert(taskRecord({ id: 'task_a' }));
  const data = tempDir('data');
  const baselines = new RunBaselines({
    store,
    clock: () => now,
    worktreeRoot: join(data, 'worktrees'),
    stateRoot: join(data, 'reviews'),
    shadowRoot: join(data, 'shadow-repos'),
  });
  const reviews = new ReviewService({
    store,
    bus: new EventBus(),
    clock: () => now,
    settings: () => DEFAULT_SETTINGS,
    baselines,
  });
  reviews.attachRuns({ get: (runId: string) => store.runs.get(runId) } as unknown as RunService);
  const repo = tempDir('repo');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'notes.txt'), 'notes\n');
  writeFileSync(join(repo, 'tool.sh'), '#!/bin/sh\n');
  chmodSync(join(repo, 'tool.sh'), 0o755);
  git('add', '-A');
  git('-c', 'user.name=P', '-c', 'user.email=p@example.com', 'commit', '-q', '-m', 'start');

  /** A run whose one tool call deletes tool.sh and writes `made`, while the person edits notes. */
  const run = async (id: string, made: string) => {
    store.runs.insert(newRun({ id, taskId: 'task_a' }));
    const touched = await baselines.start(id, null, repo);
    writeFileSync(join(repo, 'notes.txt'), `notes, edited by the person before ${id}\n`);
    await touched.calls?.begin('call');
    rmSync(join(repo, 'tool.sh'), { force: true });
    writeFileSync(join(repo, made), 'by the run\n');
    await touched.calls?.finish('call');
    await baselines.end(id);
    store.runs.update(id, { status: 'succeeded', endedAt: now });
    store.reviews.update(id, { status: 'pending' });
  };
  return { store, reviews, repo, run, advance: (ms: number) => (now += ms) };
}

describe('discard in place, and its Undo', () => {
  it('takes back only the run’s change, executable bit included, and undoes it within a day', async () => {
    const { store, reviews, repo, run, advance } = setup();
    await run('run_1', 'made.txt');
    const diff = await reviews.diff('run_1');
    expect(diff.files.map((f) => [f.path, f.attribution])).toEqual([
      ['made.txt', 'run'],
      ['notes.txt', 'other'],
      ['tool.sh', 'run'],
    ]);

    await reviews.review({ runId: 'run_1', decision: 'discard' });
    expect(existsSync(join(repo, 'made.txt'))).toBe(false);
    expect(statSync(join(repo, 'tool.sh')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(repo, 'notes.txt'), 'utf8')).toBe(
      'notes, edited by the person before run_1\n',
    );
    expect(store.reviews.get('run_1')?.undoUntil).toBe(NOW + UNDO_DISCARD_MS);

    advance(UNDO_DISCARD_MS - 1);
    await reviews.undoDiscard('run_1');
    expect(readFileSync(join(repo, 'made.txt'), 'utf8')).toBe('by the run\n');
    expect(existsSync(join(repo, 'tool.sh'))).toBe(false);
    expect(store.reviews.get('run_1')?.status).toBe('pending');
  });

  it('offers no Undo after 24 hours', async () => {
    const { reviews, run, advance } = setup();
    await run('run_1', 'made.txt');
    await reviews.review({ runId: 'run_1', decision: 'discard' });
    advance(UNDO_DISCARD_MS);
    await expect(reviews.undoDiscard('run_1')).rejects.toThrow(/more than a day went by/);
  });

  it('ends the Undo when another decision is taken on the same folder', async () => {
    const { store, reviews, repo, run } = setup();
    await run('run_1', 'made.txt');
    await reviews.review({ runId: 'run_1', decision: 'discard' });
    await run('run_2', 'other.txt');
    await reviews.review({ runId: 'run_2', decision: 'approve' });
    expect(store.reviews.get('run_1')?.undoUntil).toBeNull();
    await expect(reviews.undoDiscard('run_1')).rejects.toThrow(/later decision on the folder/);
    expect(existsSync(join(repo, 'made.txt'))).toBe(false);
  });

  it('refuses files not in the diff and choices for files not both changed', async () => {
    const { reviews, run } = setup();
    await run('run_1', 'made.txt');
    await expect(
      reviews.review({ runId: 'run_1', decision: 'discard', files: ['nowhere.txt'] }),
    ).rejects.toThrow(/files: nowhere.txt is not among the files/);
    await expect(
      reviews.review({
        runId: 'run_1',
        decision: 'discard',
        choices: [{ path: 'made.txt', choice: 'keep' }],
      }),
    ).rejects.toThrow(/choices: made.txt is not a file both changed/);
  });
});
