// A task delete with worktree runs, with real git and SQLite and an injected clock: the worktrees
// stay as they were while it can be undone; once it settles, a kept branch gets the worktree's
// uncommitted files as a commit and a branch the person named for deletion stays gone.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { RunBaselines } from '../../../../src/main/engine/review/run-baseline';
import { TaskDeletion, UNDO_DELETE_DAYS } from '../../../../src/main/engine/tasks/task-deletion';
import { tempDir } from '../../../support/claude-env';
import { newRun, taskRecord } from '../../../support/records';
import { openStore } from '../../../support/store-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const NOW = 100 * DAY;

async function setup() {
  const store = openStore();
  store.tasks.insert(taskRecord({ id: 'task_a' }));
  const repo = tempDir('del-repo');
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8' });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.name', 'Person');
  git(repo, 'config', 'user.email', 'person@example.com');
  writeFileSync(join(repo, 'README.md'), 'hello\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'start');
  const data = tempDir('del-data');
  const worktreeRoot = join(data, 'worktrees');
  const baselines = new RunBaselines({
    store,
    clock: () => NOW,
    worktreeRoot,
    stateRoot: join(data, 'reviews'),
    shadowRoot: join(data, 'shadow'),
  });
  /** A worktree run of task_a that left `file` uncommitted in its worktree. */
  const worktreeRun = async (id: string, file: string) => {
    store.runs.insert(newRun({ id, taskId: 'task_a' }));
    const worktree = join(worktreeRoot, id);
    git(repo, 'worktree', 'add', '-q', '-b', `switchboard/${id}`, worktree, 'HEAD');
    await baselines.start(id, null, worktree);
    writeFileSync(join(worktree, file), `${id}\n`);
    await baselines.end(id);
    store.reviews.update(id, { status: 'pending' });
    return worktree;
  };
  let now = NOW;
  const deletion = new TaskDeletion({
    store,
    bus: new EventBus(),
    clock: () => now,
    triggers: { restoreTask: () => undefined },
  });
  return {
    store,
    repo,
    git,
    worktreeRun,
    deletion,
    later: () => (now += (UNDO_DELETE_DAYS + 1) * DAY),
  };
}

describe('TaskDeletion', () => {
  it('keeps everything while undoable, then commits leftovers to the kept branch', async () => {
    const { repo, git, worktreeRun, deletion, later } = await setup();
    const kept = await worktreeRun('run_kept', 'kept.txt');
    const named = await worktreeRun('run_named', 'named.txt');

    const result = await deletion.delete('task_a', ['switchboard/run_named']);
    expect(result.keptBranches).toEqual(['switchboard/run_kept']);
    expect(result.removedBranches).toEqual(['switchboard/run_named']);
    await deletion.settleExpired();
    expect(existsSync(join(kept, 'kept.txt'))).toBe(true);
    expect(existsSync(join(named, 'named.txt'))).toBe(true);
    expect(deletion.listDeleted().map((d) => d.task.id)).toEqual(['task_a']);

    later();
    await deletion.settleExpired();
    expect(existsSync(kept)).toBe(false);
    expect(existsSync(named)).toBe(false);
    expect(git(repo, 'show', 'switchboard/run_kept:kept.txt')).toBe('run_kept\n');
    expect(git(repo, 'branch', '--list', 'switchboard/run_named')).toBe('');
    expect(deletion.listDeleted()).toEqual([]);
    await expect(deletion.undo('task_a')).rejects.toThrow(
      /days in which this delete could be undone are over/,
    );
  });
});
