// Records where a run starts and ends, so its changes can be shown and undone later. In a git
// repository: commits of the working tree at start and end (dirty and untracked files included),
// plus the worktree, its branch and the branch it forked from. Outside git: the same commits in a
// shadow repository of the folder (shadow-repo.ts) or, for a folder too big for one, the files
// the agent's tools touched, as they were before and after.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { privateCopy } from '../store/private-files';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Store } from '../store';
import type { ReviewRecord } from '../store/review-store';
import { git } from './git';
import { snapshotRef, snapshotWorkingTree } from './git-snapshot';
import { fitsShadow, openShadowRepo, SHADOW_LIMITS, shadowEnv } from './shadow-repo';
import { readManifest, TouchedFiles } from './touched-files';

export interface BaselineDeps {
  store: Store;
  clock: () => number;
  /** Where worktrees of isolated runs live; a folder below it is a run's own worktree. */
  worktreeRoot: string;
  /** Where per-run saved files go. */
  stateRoot: string;
  /** Where the shadow repositories of folders outside git live. */
  shadowRoot: string;
  /** Folders outside git bigger than this get no shadow repository (tests make it small). */
  shadowLimits?: typeof SHADOW_LIMITS;
}

interface Place {
  top: string;
  repoRoot: string;
  worktree: string | null;
  branch: string | null;
}

export class RunBaselines {
  constructor(private readonly deps: BaselineDeps) {}

  /** Before the session starts; returns the recorder of touched files whose hooks it needs. */
  async start(runId: string, parentRunId: string | null, workdir: string): Promise<TouchedFiles> {
    const stateDir = join(this.deps.stateRoot, runId);
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const place = await locate(workdir, this.deps.worktreeRoot).catch(() => null);
    if (place === null) {
      const shadow = await this.startShadow(runId, workdir).catch(() => null);
      this.deps.store.reviews.insert({
        ...emptyGitFields(),
        runId,
        source: 'files',
        workdir,
        startRef: shadow?.startRef ?? null,
        shadowGitDir: shadow?.gitDir ?? null,
        stateDir,
        createdAt: this.deps.clock(),
      });
      // With a shadow repository the tools' paths only say which changes were the agent's own.
      return new TouchedFiles(stateDir, shadow === null);
    }
    const startRef = await snapshotWorkingTree(
      place.top,
      snapshotRef(runId, 'start'),
      `Switchboard: ${runId} started here`,
    );
    const parent = parentRunId === null ? undefined : this.deps.store.reviews.get(parentRunId);
    const inherited = parent?.worktree !== null && parent?.worktree === place.worktree;
    const head = (
      await git(place.top, ['rev-parse', '--verify', '-q', 'HEAD']).catch(() => '')
    ).trim();
    this.deps.store.reviews.insert({
      runId,
      source: 'git',
      repoRoot: place.repoRoot,
      workdir,
      worktree: place.worktree,
      branch: place.branch,
      baseBranch: inherited ? parent.baseBranch : await currentBranch(place.repoRoot),
      // A worktree's diff runs from where it forked, so a follow-up shows everything approval merges.
      baseCommit: inherited ? parent.baseCommit : head || null,
      startRef,
      shadowGitDir: null,
      stateDir,
      createdAt: this.deps.clock(),
    });
    return new TouchedFiles(stateDir, false);
  }

  /** Outside git: the folder's start commit in its shadow repository, when the folder fits. */
  private async startShadow(runId: string, workdir: string) {
    if (!(await fitsShadow(workdir, this.deps.shadowLimits))) return null;
    const gitDir = await openShadowRepo(this.deps.shadowRoot, workdir);
    const startRef = await snapshotWorkingTree(
      workdir,
      snapshotRef(runId, 'start'),
      `Switchboard: ${runId} started here`,
      shadowEnv(gitDir, workdir),
    );
    return { gitDir, startRef };
  }

  /** After the session ended: the end state, for a diff that stays the same after later runs. */
  async end(runId: string): Promise<ReviewRecord | undefined> {
    const review = this.deps.store.reviews.get(runId);
    if (!review) return undefined;
    if (review.source === 'files' && review.shadowGitDir !== null) {
      const endRef = await snapshotWorkingTree(
        review.workdir,
        snapshotRef(runId, 'end'),
        `Switchboard: ${runId} ended here`,
        shadowEnv(review.shadowGitDir, review.workdir),
      ).catch(() => null);
      this.deps.store.reviews.update(runId, { endRef });
      return this.deps.store.reviews.get(runId);
    }
    if (review.source === 'files') {
      saveEndCopies(review.stateDir);
      return review;
    }
    const top = await git(review.workdir, ['rev-parse', '--show-toplevel']).catch(() => '');
    if (!top.trim()) return review;
    const endRef = await snapshotWorkingTree(
      top.trim(),
      snapshotRef(runId, 'end'),
      `Switchboard: ${runId} ended here`,
    );
    this.deps.store.reviews.update(runId, { endRef });
    return this.deps.store.reviews.get(runId);
  }
}

function emptyGitFields() {
  return {
    repoRoot: null,
    worktree: null,
    branch: null,
    baseBranch: null,
    baseCommit: null,
    startRef: null,
  };
}

async function locate(workdir: string, worktreeRoot: string): Promise<Place> {
  const top = (await git(workdir, ['rev-parse', '--show-toplevel'])).trim();
  const commonDir = (
    await git(top, ['rev-parse', '--path-format=absolute', '--git-common-dir'])
  ).trim();
  const ours = top.startsWith(worktreeRoot + sep);
  const repoRoot = ours && basename(commonDir) === '.git' ? dirname(commonDir) : top;
  if (!ours) return { top, repoRoot, worktree: null, branch: null };
  return { top, repoRoot, worktree: top, branch: await currentBranch(top) };
}

async function currentBranch(cwd: string): Promise<string | null> {
  const name = await git(cwd, ['symbolic-ref', '-q', '--short', 'HEAD']).catch(() => '');
  return name.trim() || null;
}

/** Outside git: a copy of each touched file as the run left it (null: it was deleted). */
function saveEndCopies(stateDir: string): void {
  const manifest = readManifest(stateDir);
  mkdirSync(join(stateDir, 'end'), { recursive: true, mode: 0o700 });
  const ends = manifest.files.map((file, index) => {
    if (!existsSync(file.path)) return null;
    privateCopy(file.path, join(stateDir, 'end', `${index}`));
    return `${index}`;
  });
  writeFileSync(join(stateDir, 'end.json'), JSON.stringify({ ends }), { mode: 0o600 });
}

/** Paths relative to the repository's top, with forward slashes as git writes them. */
export function repoRelative(top: string, path: string): string {
  return relative(top, path).split(sep).join('/');
}
