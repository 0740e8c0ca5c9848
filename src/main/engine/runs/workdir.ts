// Where a run's session works: the task's folder, the folder its session already used (follow-ups
// and resumes), or, for isolation 'worktree', a fresh git worktree on its own branch so the run's
// changes stay apart from the person's checkout until reviewed.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Task } from '../../../shared/domain';

const run = promisify(execFile);

export interface WorkdirRequest {
  task: Pick<Task, 'cwd' | 'isolation'>;
  runId: string;
  /** The folder inherited from the parent run, if any. */
  inherited: string | null;
  /** Where worktrees are created (inside the data folder). */
  worktreeRoot: string;
  /** Where a session goes on when the worktree it worked in is gone (merged, or put away). */
  continuation?: (inherited: string) => Promise<Continuation | null>;
}

/** Where a session continues instead of a worktree that is gone. */
export interface Continuation {
  /** The folder, or null for a fresh worktree. */
  folder: string | null;
  /** A fresh worktree starts on this branch (null: the task folder's HEAD). */
  fromBranch: string | null;
  /** Said in the run's transcript: where it continues and why. */
  note: string;
}

export interface Workdir {
  path: string;
  /** Why the session works somewhere else than before, when it does. */
  note: string | null;
}

export async function prepareWorkdir(request: WorkdirRequest): Promise<Workdir> {
  const { inherited } = request;
  if (inherited !== null) {
    if (existsSync(inherited)) return { path: inherited, note: null };
    const moved = await request.continuation?.(inherited);
    if (!moved) {
      throw new Error(`The folder this session worked in, ${inherited}, no longer exists.`);
    }
    if (moved.folder !== null) return { path: moved.folder, note: moved.note };
    const path = await createWorktree(
      request.task.cwd,
      request.runId,
      request.worktreeRoot,
      moved.fromBranch ?? 'HEAD',
    );
    return { path, note: moved.note };
  }
  if (request.task.isolation !== 'worktree') return { path: request.task.cwd, note: null };
  return {
    path: await createWorktree(request.task.cwd, request.runId, request.worktreeRoot, 'HEAD'),
    note: null,
  };
}

export function worktreeBranch(runId: string): string {
  return `switchboard/${runId}`;
}

async function createWorktree(
  cwd: string,
  runId: string,
  root: string,
  start: string,
): Promise<string> {
  const top = await git(cwd, ['rev-parse', '--show-toplevel']).catch(() => {
    throw new Error(
      `Isolation "worktree" needs a git repository, and ${cwd} is not in one. Use isolation "none" or run git init there.`,
    );
  });
  const hasCommit = await git(top, ['rev-parse', '--verify', 'HEAD']).then(
    () => true,
    () => false,
  );
  if (!hasCommit) {
    throw new Error(`Isolation "worktree" needs at least one commit in ${top}.`);
  }
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const path = join(root, runId);
  await git(top, ['worktree', 'add', '-b', worktreeBranch(runId), path, start]);
  // A task pointed at a subfolder of the repository works in the same subfolder of the worktree.
  return join(path, relative(top, cwd));
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, timeout: 30_000 });
  return stdout.trim();
}
