// Drops what a run's diff is computed from — its refs/switchboard/runs/<id>/{start,end} refs and
// its saved files — once nobody can need them: its review has been settled for `keepDays` (14 by
// default) or longer than transcripts are kept, or its task was deleted; in Switchboard's own
// stores also the refs of runs the store no longer has. Only those refs are ever deleted; in
// Switchboard's stores the objects nothing points at any more go too (never in the person's
// repository, where old runs' refs may still live: git collects those commits in its own time).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Store } from '../store';
import type { ReviewRecord } from '../store/review-store';
import { git, gitOk, NO_HOOKS } from './git';
import { RUN_SNAPSHOT_REFS, snapshotRef } from './git-snapshot';

export interface SnapshotPruningDeps {
  store: Store;
  clock: () => number;
  /** Where the shadow repositories of folders outside git live (all of them Switchboard's). */
  shadowRoot: string;
  /** Runs pruned per chunk (tests make it small). */
  chunkSize?: number;
  /** Days a settled run keeps its snapshots whatever the transcripts' retention; null: no limit. */
  keepDays?: number | null;
}

/** How long a settled run keeps its snapshots by default. */
export const KEEP_SNAPSHOTS_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

const RUN_REFS = 'refs/switchboard/runs/';
/** Runs pruned per chunk: one git call per repository in it, then a yield to the event loop. */
const CHUNK = 500;

export class SnapshotPruning {
  constructor(private readonly deps: SnapshotPruningDeps) {}

  /**
   * One pass: settled runs that ended before `cutoff` (none by age when null), then refs in shadow
   * repositories of runs that no longer exist. Resolves with how many runs lost their snapshots.
   */
  async prune(cutoff: number | null, stopped: () => boolean = () => false): Promise<number> {
    const keepDays = this.deps.keepDays === undefined ? KEEP_SNAPSHOTS_DAYS : this.deps.keepDays;
    const ownCutoff = keepDays === null ? null : this.deps.clock() - keepDays * DAY_MS;
    const latest = Math.max(cutoff ?? -Infinity, ownCutoff ?? -Infinity);
    const old =
      latest === -Infinity ? [] : this.deps.store.reviews.withSnapshots({ endedBefore: latest });
    // By their own age: settled (decided, or never asked) that long ago; by the transcripts' age:
    // ended before them.
    const settled = old.filter(
      (review) =>
        this.isSettled(review) &&
        ((cutoff !== null && this.endedAt(review) < cutoff) ||
          (ownCutoff !== null && (review.decidedAt ?? this.endedAt(review)) < ownCutoff)),
    );
    const pruned = await this.pruneReviews(settled, stopped);
    return stopped() ? pruned : pruned + (await this.pruneShadowOrphans());
  }

  /** Deleting a task deletes its runs for the person: the settled ones lose their snapshots now. */
  async pruneTask(taskId: string): Promise<number> {
    const reviews = this.deps.store.reviews.withSnapshots({ taskId });
    return this.pruneReviews(
      reviews.filter((review) => this.isSettled(review)),
      () => false,
    );
  }

  private endedAt(review: ReviewRecord): number {
    return this.deps.store.runs.get(review.runId)?.endedAt ?? Infinity;
  }

  /**
   * Settled: no decision is still to be made on the run's changes. Requested changes are settled
   * once the follow-up they started is; a worktree nobody decided on can still be merged.
   */
  private isSettled(review: ReviewRecord, seen = new Set<string>()): boolean {
    if (seen.has(review.runId)) return true;
    seen.add(review.runId);
    if (review.snapshotsPrunedAt !== null) return true;
    const run = this.deps.store.runs.get(review.runId);
    if (run?.endedAt == null) return false;
    switch (review.status) {
      case 'approved':
      case 'discarded':
        return true;
      case 'pending':
      case 'conflict':
      case 'blocked':
        return false;
      case 'changes_requested': {
        const next = review.followUpRunId;
        if (next === null) return true;
        const followUp = this.deps.store.reviews.get(next);
        if (followUp) return this.isSettled(followUp, seen);
        const nextRun = this.deps.store.runs.get(next);
        return nextRun === undefined || nextRun.endedAt !== null;
      }
      case null:
        return review.worktree === null || !existsSync(review.worktree);
    }
  }

  /**
   * Deletes the refs of each run, one `update-ref --stdin` per repository, then its files; a chunk
   * at a time, yielding between chunks so a first pass over years of runs keeps the engine live.
   */
  private async pruneReviews(reviews: ReviewRecord[], stopped: () => boolean): Promise<number> {
    let pruned = 0;
    const size = this.deps.chunkSize ?? CHUNK;
    for (let at = 0; at < reviews.length && !stopped(); at += size) {
      if (at > 0) await new Promise((resolve) => setImmediate(resolve));
      pruned += await this.pruneChunk(reviews.slice(at, at + size));
    }
    return pruned;
  }

  private async pruneChunk(reviews: ReviewRecord[]): Promise<number> {
    const byRepo = new Map<string, ReviewRecord[]>();
    for (const review of reviews) {
      const repo = review.shadowGitDir ?? review.repoRoot ?? review.workdir;
      const group = byRepo.get(repo);
      if (group) group.push(review);
      else byRepo.set(repo, [review]);
    }
    let pruned = 0;
    for (const [repo, group] of byRepo) {
      const hadRefs = group.some((review) => review.startRef !== null || review.endRef !== null);
      const shadow = group[0]?.shadowGitDir != null;
      const runIds = group.map((review) => review.runId);
      if (hadRefs && !(await deleteRunRefs(repo, shadow, runIds))) continue;
      if (hadRefs && shadow) await pruneObjects(repo);
      for (const review of group) {
        rmSync(review.stateDir, { recursive: true, force: true });
        this.deps.store.reviews.update(review.runId, { snapshotsPrunedAt: this.deps.clock() });
        pruned += 1;
      }
    }
    return pruned;
  }

  private async pruneShadowOrphans(): Promise<number> {
    let entries: string[];
    try {
      entries = readdirSync(this.deps.shadowRoot);
    } catch {
      return 0;
    }
    let pruned = 0;
    for (const name of entries) {
      const gitDir = join(this.deps.shadowRoot, name);
      const listed = await git(gitDir, ['for-each-ref', '--format=%(refname)', RUN_REFS], {
        env: { GIT_DIR: gitDir },
      }).catch(() => '');
      const runIds = new Set(
        listed
          .split('\n')
          .map((ref) => ref.slice(RUN_REFS.length).split('/')[0] ?? '')
          .filter((runId) => runId !== '' && !this.deps.store.runs.get(runId)),
      );
      if (runIds.size > 0 && (await deleteRunRefs(gitDir, true, [...runIds]))) {
        pruned += runIds.size;
        await pruneObjects(gitDir);
      }
    }
    return pruned;
  }
}

/**
 * Deletes the runs' start and end refs in one transaction. True when they are gone, or the
 * repository is (a folder deleted or no longer a repository takes its refs with it).
 */
async function deleteRunRefs(repo: string, shadow: boolean, runIds: string[]): Promise<boolean> {
  if (!existsSync(repo)) return true;
  // No hook of the person's runs for Switchboard's refs (reference-transaction and the like).
  const env = shadow ? { ...NO_HOOKS, GIT_DIR: repo } : NO_HOOKS;
  const lines = runIds.flatMap((runId) =>
    RUN_SNAPSHOT_REFS.map((which) => `delete ${snapshotRef(runId, which)}\n`),
  );
  const deleted = await gitOk(repo, ['update-ref', '--stdin'], { env, input: lines.join('') });
  if (deleted) return true;
  return !(await gitOk(repo, ['rev-parse', '--git-dir'], { env }));
}

/**
 * Deletes the loose objects of one of Switchboard's stores that no ref reaches any more (the
 * bulk of a pruned snapshot). Objects younger than an hour stay: a snapshot being taken right now
 * has written its objects but not yet its ref. Objects borrowed from the person's repository are
 * never touched: prune only looks at the store's own.
 */
async function pruneObjects(gitDir: string): Promise<void> {
  if (!existsSync(gitDir)) return;
  await gitOk(gitDir, ['prune', '--expire=1.hour.ago'], { env: { ...NO_HOOKS, GIT_DIR: gitDir } });
}
