// runs.openPullRequest and runs.pullRequest: pushes a worktree run's branch to its repository's
// remote and opens a GitHub pull request from it, or pushes a follow-up's commits to the one the
// conversation already has; polls the open ones for their state and checks.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { PullRequest } from '../../../shared/domain';
import { ApiError, notFound } from '../../../shared/errors';
import type { EventBus } from '../event-bus';
import { commitLeftovers } from '../review/worktree-merge';
import { git, GitError } from '../review/git';
import { SecretRedactor } from '../secrets/secret-redaction';
import type { Store } from '../store';
import type { PullRequestRecord } from '../store/pull-request-store';
import type { ReviewRecord } from '../store/review-store';
import { GitHubApi, GitHubError, type FetchFunction } from './github-api';
import { parseGitHubRemote, webHostOf } from './github-remote';
import { parseNameStatus, pullRequestBody, pullRequestTitle } from './pull-request-text';

/** The keychain secret holding the GitHub token. */
export const GITHUB_TOKEN_SECRET = 'GITHUB_TOKEN';
export const DEFAULT_PULL_REQUEST_POLL_MS = 60_000;

export interface PullRequestDeps {
  store: Store;
  bus: EventBus;
  clock: () => number;
  apiUrl: () => string;
  /** The token in the keychain, if any. */
  keychainToken: () => Promise<string | null>;
  /** A token from a signed-in `gh` CLI for a host, if any (optional: null when gh is absent). */
  ghToken?: (host: string) => Promise<string | null>;
  /** Every stored secret's value by name: kept out of the title and body. */
  secretValues: () => Promise<Record<string, string>>;
  fetch?: FetchFunction;
  /** How often open pull requests are asked for their state and checks. */
  pollMs?: number;
}

const UNFINISHED = new Set(['queued', 'running', 'waiting']);

export class PullRequestService {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  /** One open or push at a time per branch: two clicks must not open two pull requests. */
  private readonly inFlight = new Map<string, Promise<PullRequest>>();

  constructor(private readonly deps: PullRequestDeps) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  async get(runId: string): Promise<{ pullRequest: PullRequest | null }> {
    if (!this.deps.store.runs.get(runId)) throw notFound('run', runId);
    const review = this.reviewOf(runId);
    if (!review?.repoRoot || !review.branch) return { pullRequest: null };
    const record = this.deps.store.pullRequests.get(review.repoRoot, review.branch);
    return { pullRequest: record ? await this.toPublic(record, review) : null };
  }

  async open(runId: string): Promise<PullRequest> {
    const review = this.branchOf(runId);
    const key = `${review.repoRoot}\0${review.branch}`;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const work = this.openOrPush(runId, review).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, work);
    return work;
  }

  /** Asks GitHub about every open pull request now (the poll does this every pollMs). */
  async refreshOpen(): Promise<void> {
    for (const record of this.deps.store.pullRequests.listOpen()) {
      if (this.stopped) return;
      await this.refresh(record);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.refreshOpen()
        .catch((error: unknown) => console.error('[pull-requests] poll failed:', error))
        .finally(() => this.schedule());
    }, this.deps.pollMs ?? DEFAULT_PULL_REQUEST_POLL_MS);
    this.timer.unref();
  }

  private async openOrPush(runId: string, review: WorktreeReview): Promise<PullRequest> {
    const { store } = this.deps;
    const existing = store.pullRequests.get(review.repoRoot, review.branch);
    if (existing) return this.pushMore(runId, existing, review);
    const run = store.runs.get(runId);
    const thread = store.runQueries.thread(runId);
    const first = thread[0] ?? run;
    const remote = await this.remoteOf(review.repoRoot);
    const remoteUrl = (await git(review.repoRoot, ['remote', 'get-url', remote])).trim();
    const github = parseGitHubRemote(remoteUrl);
    if (!github) {
      throw refusal(
        `The remote ${remote} (${remoteUrl}) is not a GitHub repository: pull requests are opened on GitHub only.`,
      );
    }
    const apiUrl = this.deps.apiUrl();
    const apiHost = webHostOf(apiUrl);
    if (github.host !== apiHost) {
      throw refusal(
        `The remote ${remote} is on ${github.host}, but the GitHub API setting (${apiUrl}) is for ${apiHost}. For GitHub Enterprise, set Settings → Pull requests → GitHub API to https://${github.host}/api/v3.`,
      );
    }
    const token = await this.token(github.host);
    const redactor = new SecretRedactor(await this.deps.secretValues());
    const title = redactor.redactText(pullRequestTitle(first?.prompt ?? ''));
    await commitLeftovers(review.worktree, title);
    await this.push(review, remote);
    const answer = [...thread].reverse().find((r) => r.result !== null)?.result ?? null;
    const body = pullRequestBody(
      {
        prompt: first?.prompt ?? '',
        answer,
        files: await this.filesChanged(review),
        runId,
      },
      (text) => redactor.redactText(text),
    );
    const api = new GitHubApi({ apiUrl, token, fetch: this.deps.fetch });
    const pull = await api
      .createPull({
        owner: github.owner,
        repo: github.repo,
        title,
        body,
        head: review.branch,
        base: review.baseBranch,
      })
      .catch(async (error: unknown) => {
        // Opened already (by hand, or by an earlier attempt whose answer was lost): adopt it.
        const adopted =
          error instanceof GitHubError && error.status === 422
            ? await api.openPullFrom(github.owner, github.repo, review.branch)
            : null;
        if (adopted) return adopted;
        throw refusal(`The branch was pushed, but no pull request was opened: ${message(error)}`);
      });
    const now = this.deps.clock();
    const record: PullRequestRecord = {
      repoRoot: review.repoRoot,
      branch: review.branch,
      runId,
      apiUrl,
      repository: `${github.owner}/${github.repo}`,
      remote,
      number: pull.number,
      url: pull.url,
      title: pull.title || title,
      baseBranch: review.baseBranch,
      state: pull.state,
      draft: pull.draft,
      headSha: await this.tip(review),
      checks: [],
      openedAt: now,
      pushedAt: now,
      refreshedAt: null,
      refreshError: null,
    };
    store.pullRequests.insert(record);
    return this.toPublic(await this.refresh(record, token), review);
  }

  /** A follow-up's work: its leftovers become a commit, and the branch is pushed again. */
  private async pushMore(
    runId: string,
    record: PullRequestRecord,
    review: WorktreeReview,
  ): Promise<PullRequest> {
    if (record.state !== 'open') {
      throw refusal(
        `Pull request #${record.number} is ${record.state} on GitHub: nothing more can be pushed to it.`,
      );
    }
    const run = this.deps.store.runs.get(runId);
    const redactor = new SecretRedactor(await this.deps.secretValues());
    await commitLeftovers(
      review.worktree,
      redactor.redactText(pullRequestTitle(run?.prompt ?? record.title)),
    );
    await this.push(review, record.remote);
    const updated = this.deps.store.pullRequests.update(record.repoRoot, record.branch, {
      headSha: await this.tip(review),
      pushedAt: this.deps.clock(),
      checks: [],
    });
    return this.toPublic(await this.refresh(updated), review);
  }

  /** Reads GitHub's state and checks; a failure is kept as refreshError, never thrown. */
  private async refresh(
    record: PullRequestRecord,
    knownToken?: string,
  ): Promise<PullRequestRecord> {
    const [owner = '', repo = ''] = record.repository.split('/');
    let patch: Parameters<Store['pullRequests']['update']>[2];
    try {
      const host = webHostOf(record.apiUrl);
      const token = knownToken ?? (await this.token(host));
      const api = new GitHubApi({ apiUrl: record.apiUrl, token, fetch: this.deps.fetch });
      const pull = await api.getPull(owner, repo, record.number);
      const sha = pull.headSha || record.headSha;
      patch = {
        state: pull.state,
        draft: pull.draft,
        title: pull.title || record.title,
        headSha: sha,
        checks: await api.checkRuns(owner, repo, sha),
        refreshedAt: this.deps.clock(),
        refreshError: null,
      };
    } catch (error) {
      patch = { refreshedAt: this.deps.clock(), refreshError: message(error) };
    }
    const before = JSON.stringify({ ...record, refreshedAt: null });
    const updated = this.deps.store.pullRequests.update(record.repoRoot, record.branch, patch);
    if (JSON.stringify({ ...updated, refreshedAt: null }) !== before) {
      const review = this.deps.store.reviews.get(updated.runId);
      this.deps.bus.emit('pullRequest.updated', await this.toPublic(updated, review));
    }
    return updated;
  }

  private async toPublic(
    record: PullRequestRecord,
    review: Pick<ReviewRecord, 'worktree'> | undefined,
  ): Promise<PullRequest> {
    const { repoRoot: _root, apiUrl: _api, remote: _remote, ...rest } = record;
    return { ...rest, unpushed: await this.hasUnpushed(record, review) };
  }

  /** Commits on the branch past what was pushed, or a follow-up's files not committed yet. */
  private async hasUnpushed(
    record: PullRequestRecord,
    review: Pick<ReviewRecord, 'worktree'> | undefined,
  ): Promise<boolean> {
    if (record.state !== 'open') return false;
    const tip = await git(record.repoRoot, [
      'rev-parse',
      '-q',
      '--verify',
      `refs/heads/${record.branch}`,
    ])
      .then((out) => out.trim())
      .catch(() => null);
    if (tip === null) return false;
    if (tip !== record.headSha) return true;
    const worktree = review?.worktree;
    if (!worktree || !existsSync(worktree)) return false;
    const status = await git(worktree, ['status', '--porcelain']).catch(() => '');
    return status.trim() !== '';
  }

  /** The review record of the run, or of the nearest run it continues that has one. */
  private reviewOf(runId: string): ReviewRecord | undefined {
    const { store } = this.deps;
    let id: string | null = runId;
    for (let hops = 0; id !== null && hops < 1_000; hops += 1) {
      const review = store.reviews.get(id);
      if (review?.worktree) return review;
      id = store.runs.get(id)?.parentRunId ?? null;
    }
    return undefined;
  }

  /** The run's own branch, or a refusal saying why there is none to open a pull request from. */
  private branchOf(runId: string): WorktreeReview {
    const run = this.deps.store.runs.get(runId);
    if (!run) throw notFound('run', runId);
    if (UNFINISHED.has(run.status)) {
      throw refusal('This run has not finished: open a pull request once it has.');
    }
    const review = this.reviewOf(runId);
    if (!review?.worktree || !review.branch || !review.repoRoot) {
      throw refusal(
        "This run worked in its task's folder, not in a worktree of its own, so it has no branch to open a pull request from. Set the task's isolation to worktree.",
      );
    }
    const current = this.deps.store.reviews.get(runId) ?? review;
    if (current.status === 'approved') {
      throw refusal(
        `This run's branch was already merged into ${current.baseBranch ?? 'its base branch'} here; there is no branch left to open a pull request from.`,
      );
    }
    if (current.status === 'discarded') {
      throw refusal("This run's changes were discarded; there is no branch left to push.");
    }
    if (!existsSync(review.worktree)) {
      throw refusal(
        `This run's worktree (${review.worktree}) is gone, put away or removed; there is no branch left to push.`,
      );
    }
    if (!review.baseBranch) {
      throw refusal(
        'This run did not start from a branch (its repository was on a detached HEAD), so there is no branch for a pull request to merge into.',
      );
    }
    return {
      repoRoot: review.repoRoot,
      worktree: review.worktree,
      branch: review.branch,
      baseBranch: review.baseBranch,
    };
  }

  /** origin, or the repository's only remote. */
  private async remoteOf(repoRoot: string): Promise<string> {
    const remotes = (await git(repoRoot, ['remote'])).split('\n').filter(Boolean);
    if (remotes.includes('origin')) return 'origin';
    if (remotes.length === 1 && remotes[0]) return remotes[0];
    if (remotes.length === 0) {
      throw refusal(
        `The repository at ${repoRoot} has no remote to push to. Add one (git remote add origin <url>), then try again.`,
      );
    }
    throw refusal(
      `The repository at ${repoRoot} has several remotes (${remotes.join(', ')}) and none is called origin: name the one to push to origin.`,
    );
  }

  private async token(host: string): Promise<string> {
    const token = (await this.deps.keychainToken()) ?? (await this.deps.ghToken?.(host)) ?? null;
    if (token === null || token.trim() === '') {
      throw refusal(
        `No GitHub token: add a secret named ${GITHUB_TOKEN_SECRET} in Settings → Secrets (a token that may push and open pull requests), or sign in with gh auth login.`,
      );
    }
    return token.trim();
  }

  /** Pushes the branch as it is; never forced, so nothing on the remote is overwritten. */
  private async push(review: WorktreeReview, remote: string): Promise<void> {
    const ref = `refs/heads/${review.branch}`;
    try {
      await git(review.repoRoot, ['push', '--no-verify', '--porcelain', remote, `${ref}:${ref}`]);
    } catch (error) {
      const detail = error instanceof GitError ? firstLines(error.stderr || error.stdout) : '';
      throw refusal(
        `Pushing ${review.branch} to ${remote} failed${detail ? `: ${detail}` : ''}. Nothing was opened.`,
      );
    }
  }

  private async tip(review: WorktreeReview): Promise<string> {
    return (await git(review.repoRoot, ['rev-parse', `refs/heads/${review.branch}`])).trim();
  }

  private async filesChanged(review: WorktreeReview) {
    const out = await git(review.repoRoot, [
      'diff',
      '--name-status',
      '-z',
      `${review.baseBranch}...${review.branch}`,
    ]).catch(() => '');
    return parseNameStatus(out);
  }
}

interface WorktreeReview {
  repoRoot: string;
  worktree: string;
  branch: string;
  baseBranch: string;
}

function refusal(text: string): ApiError {
  return new ApiError('conflict', text);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 3).join(' ').slice(0, 400);
}

/** `gh auth token --hostname <host>`: the token of a signed-in gh CLI, or null. */
export function ghCliToken(host: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('gh', ['auth', 'token', '--hostname', host], { timeout: 5_000 }, (error, stdout) => {
      resolve(error ? null : stdout.trim() || null);
    });
  });
}
