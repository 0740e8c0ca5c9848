// Approving a worktree run: its uncommitted changes become a commit on its branch, and the branch
// is merged into the branch the task started from (fast-forward, else a merge commit). A conflict
// leaves everything as it was (the merge is aborted) and names the files; the person's own files
// in the way are named as such. Also removes worktrees.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { commitIdentity, git, GitError, gitOk } from './git';

export type MergeOutcome =
  | {
      ok: true;
      commit: string;
      fastForward: boolean;
      /** Where the target branch was before, and the checkout whose files moved with it. */
      before: string;
      checkout: string | null;
    }
  | {
      ok: false;
      /** conflict: both sides changed the same lines; blocked: the person's own files are in the way. */
      reason: 'conflict' | 'blocked';
      conflictFiles: string[];
      /** blocked: the person's uncommitted (or untracked) files the merge would overwrite. */
      blockingFiles: string[];
      checkout: string | null;
      message: string;
    };

export interface MergeRequest {
  repoRoot: string;
  worktree: string;
  branch: string;
  baseBranch: string;
  message: string;
}

/** The run's worktree as it was before the merge committed what it left uncommitted. */
export interface WorktreeBefore {
  branchBefore: string;
  indexTree: string;
  branchAfter: string;
}

/** Commits the run's leftovers, saying what its branch and index were before that. */
export async function commitForMerge(worktree: string, message: string): Promise<WorktreeBefore> {
  const branchBefore = (await git(worktree, ['rev-parse', 'HEAD'])).trim();
  const indexTree = (await git(worktree, ['write-tree'])).trim();
  const branchAfter = (await commitLeftovers(worktree, message)) ?? branchBefore;
  return { branchBefore, indexTree, branchAfter };
}

export async function mergeWorktree(request: MergeRequest): Promise<MergeOutcome> {
  await commitLeftovers(request.worktree, request.message);
  const checkout = await checkoutOf(request.repoRoot, request.baseBranch);
  if (checkout !== null) return mergeInCheckout(checkout, request);
  return mergeWithoutCheckout(request);
}

/** Whatever the run left uncommitted in its worktree goes into one commit on its branch. */
export async function commitLeftovers(worktree: string, message: string): Promise<string | null> {
  const status = await git(worktree, ['status', '--porcelain']);
  if (status.trim() === '') return null;
  await git(worktree, ['add', '-A']);
  await git(worktree, ['commit', '-q', '--no-verify', '-m', message], {
    env: await commitIdentity(worktree),
  });
  return (await git(worktree, ['rev-parse', 'HEAD'])).trim();
}

/** The folder where `branch` is checked out (the person's checkout, usually), or null. */
export async function checkoutOf(repoRoot: string, branch: string): Promise<string | null> {
  const list = await git(repoRoot, ['worktree', 'list', '--porcelain']);
  let path: string | null = null;
  for (const line of list.split('\n')) {
    if (line.startsWith('worktree ')) path = line.slice('worktree '.length);
    if (line === `branch refs/heads/${branch}` && path !== null) return path;
  }
  return null;
}

async function mergeInCheckout(checkout: string, request: MergeRequest): Promise<MergeOutcome> {
  const before = (await git(checkout, ['rev-parse', 'HEAD'])).trim();
  const env = await commitIdentity(checkout);
  try {
    await git(checkout, ['merge', '--no-edit', '-m', request.message, request.branch], { env });
  } catch (error) {
    const conflictFiles = (
      await git(checkout, ['diff', '--name-only', '--diff-filter=U']).catch(() => '')
    )
      .split('\n')
      .filter(Boolean);
    if (await gitOk(checkout, ['rev-parse', '-q', '--verify', 'MERGE_HEAD'])) {
      await git(checkout, ['merge', '--abort']);
    }
    const stderr = error instanceof GitError ? error.stderr : '';
    const blockingFiles = conflictFiles.length > 0 ? [] : filesInTheWay(stderr);
    const reason = conflictFiles.length > 0 || blockingFiles.length === 0 ? 'conflict' : 'blocked';
    return {
      ok: false,
      reason,
      conflictFiles,
      blockingFiles,
      checkout,
      message:
        reason === 'blocked'
          ? blockedMessage(request.baseBranch, checkout, blockingFiles)
          : conflictFiles.length > 0
            ? `Merging into ${request.baseBranch} conflicts in ${conflictFiles.join(', ')}. Nothing was merged; the run's worktree is kept.`
            : `Could not merge into ${request.baseBranch}: ${firstLine(stderr) || String(error)}. Nothing was merged; the run's worktree is kept.`,
    };
  }
  const after = (await git(checkout, ['rev-parse', 'HEAD'])).trim();
  const parents = (await git(checkout, ['rev-list', '--parents', '-n', '1', after])).trim();
  return {
    ok: true,
    commit: after,
    fastForward: after !== before && parents.split(' ').length === 2,
    before,
    checkout,
  };
}

/**
 * The files git names when the person's own changes stop a merge: "Your local changes to the
 * following files would be overwritten" and "untracked working tree files would be overwritten".
 */
export function filesInTheWay(stderr: string): string[] {
  const files: string[] = [];
  let listing = false;
  for (const line of stderr.split('\n')) {
    if (/would be (overwritten|removed) by merge:$/.test(line)) {
      listing = true;
      continue;
    }
    if (listing && /^\s+\S/.test(line)) files.push(line.trim());
    else listing = false;
  }
  return [...new Set(files)];
}

export function blockedMessage(baseBranch: string, checkout: string, files: string[]): string {
  const named = files.length === 1 ? files[0] : `${files.length} files (${files.join(', ')})`;
  return `Nothing was merged: your uncommitted changes to ${named} in ${checkout} are in the way, and merging into ${baseBranch} would overwrite them. Commit or stash them there, then approve again; or merge into a new branch, which leaves your checkout alone.`;
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}

/** The base branch is not checked out anywhere: update it without touching any files. */
async function mergeWithoutCheckout(request: MergeRequest): Promise<MergeOutcome> {
  const { repoRoot, branch, baseBranch } = request;
  const base = (await git(repoRoot, ['rev-parse', `refs/heads/${baseBranch}`])).trim();
  const tip = (await git(repoRoot, ['rev-parse', `refs/heads/${branch}`])).trim();
  if (await gitOk(repoRoot, ['merge-base', '--is-ancestor', base, tip])) {
    await git(repoRoot, ['update-ref', `refs/heads/${baseBranch}`, tip, base]);
    return { ok: true, commit: tip, fastForward: true, before: base, checkout: null };
  }
  try {
    const tree = (await git(repoRoot, ['merge-tree', '--write-tree', base, tip])).split('\n')[0];
    const env = await commitIdentity(repoRoot);
    const commit = (
      await git(
        repoRoot,
        ['commit-tree', tree ?? '', '-p', base, '-p', tip, '-m', request.message],
        {
          env,
        },
      )
    ).trim();
    await git(repoRoot, ['update-ref', `refs/heads/${baseBranch}`, commit, base]);
    return { ok: true, commit, fastForward: false, before: base, checkout: null };
  } catch (error) {
    const stdout = error instanceof Error && 'stdout' in error ? String(error.stdout) : '';
    const conflictFiles = [...stdout.matchAll(/^CONFLICT \([^)]*\): .*? in (.+)$/gm)].map(
      (m) => m[1] ?? '',
    );
    return {
      ok: false,
      reason: 'conflict',
      conflictFiles,
      blockingFiles: [],
      checkout: null,
      message: `Merging into ${baseBranch} conflicts${conflictFiles.length ? ` in ${conflictFiles.join(', ')}` : ''}. Nothing was merged; the run's worktree is kept.`,
    };
  }
}

/** Removes a worktree (even with changes in it) and its branch; missing pieces are fine. */
export async function removeWorktree(
  repoRoot: string,
  worktree: string,
  branch: string | null,
): Promise<void> {
  if (existsSync(worktree)) {
    await git(repoRoot, ['worktree', 'remove', '--force', '--force', worktree]).catch(() =>
      rmSync(worktree, { recursive: true, force: true }),
    );
  }
  await git(repoRoot, ['worktree', 'prune']).catch(() => undefined);
  if (branch !== null) await git(repoRoot, ['branch', '-D', branch]).catch(() => undefined);
}

/** The main checkout a linked worktree belongs to, read from its `.git` file. */
export function repositoryOfWorktree(worktree: string): string | null {
  try {
    const pointer = readFileSync(join(worktree, '.git'), 'utf8').trim();
    const gitdir = /^gitdir:\s*(.+)$/.exec(pointer)?.[1];
    if (gitdir === undefined) return null;
    // <repo>/.git/worktrees/<name> → <repo>
    return dirname(dirname(dirname(resolve(worktree, gitdir))));
  } catch {
    return null;
  }
}
