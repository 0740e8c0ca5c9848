// Records where a run starts and ends, so its changes can be shown and undone later. In a git
// repository: commits of the working tree at start and end (dirty and untracked files included)
// in the repository's snapshot store (snapshot-store.ts), plus the worktree, its branch and the
// branch it forked from. Outside git: the same commits in a shadow repository of the folder
// (shadow-repo.ts) or, for a folder too big for one, the files the agent's tools touched, as they
// were before and after, and a scan of every path's size and time at start and end.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { privateCopy } from '../store/private-files';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Store } from '../store';
import type { ReviewRecord } from '../store/review-store';
import { compareScans, readScan, scanFolder, writeScan } from './folder-scan';
import { git } from './git';
import {
  MAX_SNAPSHOT_FILE_BYTES,
  snapshotFolder,
  snapshotRef,
  snapshotWorkingTree,
  type SnapshotOptions,
} from './git-snapshot';
import {
  fitsLimits,
  openShadowRepo,
  SHADOW_EXCLUDED_DIRS,
  SHADOW_LIMITS,
  shadowEnv,
} from './shadow-repo';
import { openSnapshotStore } from './snapshot-store';
import { CallSnapshots } from './call-snapshots';
import { readManifest, TouchedFiles } from './touched-files';
import { readScanRecord, recordScan, recordSkipped } from './unkept-files';

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
  /** Files above this size are left out of snapshots and named in the review (0: no cap). */
  maxFileBytes?: number;
  /** Switchboard's own data folder: never snapshotted, even inside a task's folder. */
  dataDir?: string;
}

const SKIP_NAMES = new Set<string>(SHADOW_EXCLUDED_DIRS);

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
      const shadow = await this.startShadow(runId, workdir, stateDir).catch(() => null);
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
      // With a shadow repository the tool calls' snapshots say which changes were the run's own.
      const calls =
        shadow === null
          ? null
          : this.callSnapshots(runId, workdir, shadow.startRef, shadowEnv(shadow.gitDir, workdir));
      return new TouchedFiles(stateDir, shadow === null, calls);
    }
    const store = await openSnapshotStore(this.deps.shadowRoot, place.top);
    const startRef = await this.snapshot(place.top, runId, 'start', stateDir, undefined, store);
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
      shadowGitDir: store,
      stateDir,
      createdAt: this.deps.clock(),
    });
    // A worktree is the run's own: everything in it is the run's, with no snapshots per call.
    const calls =
      place.worktree === null
        ? this.callSnapshots(runId, place.top, startRef, undefined, store)
        : null;
    return new TouchedFiles(stateDir, false, calls);
  }

  /** The recorder of what each of the run's tool calls changes, in the folder it works in. */
  private callSnapshots(
    runId: string,
    top: string,
    startRef: string,
    env: Record<string, string> | undefined,
    store?: string,
  ): CallSnapshots {
    const stateDir = join(this.deps.stateRoot, runId);
    return new CallSnapshots(stateDir, startRef, (parent) =>
      snapshotWorkingTree(
        top,
        snapshotRef(runId, 'calls'),
        `Switchboard: ${runId} tool call`,
        env,
        {
          ...this.snapshotOptions(store),
          index: join(stateDir, 'calls.index'),
          parent,
        },
      ),
    );
  }

  /**
   * Outside git: the folder's start commit in its shadow repository, when the folder fits; when
   * it does not, a scan of its paths' sizes and times to compare with the end's.
   */
  private async startShadow(runId: string, workdir: string, stateDir: string) {
    const limits = this.deps.shadowLimits ?? SHADOW_LIMITS;
    const scan = await scanFolder(workdir, this.scanOptions());
    if (!fitsLimits(scan, limits)) {
      if (scan.complete) writeScan(join(stateDir, 'scan-start.json'), scan.entries);
      recordScan(stateDir, { limits, changes: null, complete: scan.complete });
      return null;
    }
    const gitDir = await openShadowRepo(this.deps.shadowRoot, workdir);
    const env = shadowEnv(gitDir, workdir);
    const startRef = await this.snapshot(workdir, runId, 'start', stateDir, env);
    return { gitDir, startRef };
  }

  /** One snapshot with the cap and the data folder left out; notes what the cap left out. */
  private async snapshot(
    top: string,
    runId: string,
    which: 'start' | 'end',
    stateDir: string,
    env: Record<string, string> | undefined,
    store?: string,
  ): Promise<string> {
    const options = this.snapshotOptions(store);
    const { commit, skipped } = await snapshotFolder(
      top,
      snapshotRef(runId, which),
      `Switchboard: ${runId} ${which === 'start' ? 'started' : 'ended'} here`,
      env,
      options,
    );
    recordSkipped(stateDir, which, skipped, options.maxFileBytes ?? 0);
    return commit;
  }

  private snapshotOptions(store?: string): SnapshotOptions {
    return {
      ...(store === undefined ? {} : { store }),
      maxFileBytes: this.deps.maxFileBytes ?? MAX_SNAPSHOT_FILE_BYTES,
      excludeDirs: this.deps.dataDir === undefined ? [] : [this.deps.dataDir],
    };
  }

  private scanOptions() {
    return {
      skipNames: SKIP_NAMES,
      skipDirs: this.deps.dataDir === undefined ? [] : [this.deps.dataDir],
      maxFileBytes: this.deps.maxFileBytes ?? MAX_SNAPSHOT_FILE_BYTES,
    };
  }

  /** Outside git, past the limits: which paths changed between the start and end scans. */
  private async endScan(review: ReviewRecord): Promise<void> {
    const record = readScanRecord(review.stateDir);
    const before = readScan(join(review.stateDir, 'scan-start.json'));
    if (record === null || before === null) return;
    const after = await scanFolder(review.workdir, this.scanOptions());
    recordScan(review.stateDir, {
      ...record,
      complete: record.complete && after.complete,
      changes: after.complete ? compareScans(before, after.entries) : null,
    });
  }

  /** After the session ended: the end state, for a diff that stays the same after later runs. */
  async end(runId: string): Promise<ReviewRecord | undefined> {
    const review = this.deps.store.reviews.get(runId);
    if (!review) return undefined;
    if (review.source === 'files' && review.shadowGitDir !== null) {
      const env = shadowEnv(review.shadowGitDir, review.workdir);
      const endRef = await this.snapshot(review.workdir, runId, 'end', review.stateDir, env).catch(
        () => null,
      );
      this.deps.store.reviews.update(runId, { endRef });
      return this.deps.store.reviews.get(runId);
    }
    if (review.source === 'files') {
      saveEndCopies(review.stateDir);
      await this.endScan(review);
      return review;
    }
    const top = (
      await git(review.workdir, ['rev-parse', '--show-toplevel']).catch(() => '')
    ).trim();
    if (!top) return review;
    // A run that started before snapshot stores (its start in the person's repository) ends there.
    const endRef =
      review.shadowGitDir === null
        ? await snapshotWorkingTree(
            top,
            snapshotRef(runId, 'end'),
            `Switchboard: ${runId} ended here`,
          )
        : await this.snapshot(top, runId, 'end', review.stateDir, undefined, review.shadowGitDir);
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
