// Pull requests opened from worktree runs, in SQLite: one per branch of a repository, with where
// it lives on GitHub and its state and checks as last polled.
import type { PullRequest, PullRequestCheck, PullRequestState } from '../../../shared/domain';
import type { Db } from './database';
import { parseJson, toJson } from './json';

interface PullRequestRow {
  repo_root: string;
  branch: string;
  run_id: string;
  api_url: string;
  repository: string;
  remote: string;
  number: number;
  url: string;
  title: string;
  base_branch: string;
  state: string;
  draft: number;
  head_sha: string;
  checks: string;
  opened_at: number;
  pushed_at: number;
  refreshed_at: number | null;
  refresh_error: string | null;
}

/** The public PullRequest (less what git says now) plus where to push and whom to ask. */
export interface PullRequestRecord extends Omit<PullRequest, 'unpushed'> {
  repoRoot: string;
  /** The API base URL it was opened through (a later change of the setting does not move it). */
  apiUrl: string;
  /** The git remote the branch is pushed to. */
  remote: string;
}

export type PullRequestPatch = Partial<
  Pick<
    PullRequestRecord,
    'state' | 'draft' | 'headSha' | 'checks' | 'title' | 'pushedAt' | 'refreshedAt' | 'refreshError'
  >
>;

function toRecord(row: PullRequestRow): PullRequestRecord {
  return {
    repoRoot: row.repo_root,
    branch: row.branch,
    runId: row.run_id,
    apiUrl: row.api_url,
    repository: row.repository,
    remote: row.remote,
    number: row.number,
    url: row.url,
    title: row.title,
    baseBranch: row.base_branch,
    state: row.state as PullRequestState,
    draft: row.draft === 1,
    headSha: row.head_sha,
    checks: parseJson<PullRequestCheck[]>(row.checks, []),
    openedAt: row.opened_at,
    pushedAt: row.pushed_at,
    refreshedAt: row.refreshed_at,
    refreshError: row.refresh_error,
  };
}

export class PullRequestStore {
  constructor(private readonly db: Db) {}

  insert(record: PullRequestRecord): void {
    this.db
      .prepare(
        `INSERT INTO pull_requests (repo_root, branch, run_id, api_url, repository, remote, number,
           url, title, base_branch, state, draft, head_sha, checks, opened_at, pushed_at,
           refreshed_at, refresh_error)
         VALUES (@repoRoot, @branch, @runId, @apiUrl, @repository, @remote, @number, @url, @title,
           @baseBranch, @state, @draft, @headSha, @checks, @openedAt, @pushedAt, @refreshedAt,
           @refreshError)`,
      )
      .run({ ...record, draft: record.draft ? 1 : 0, checks: toJson(record.checks) });
  }

  get(repoRoot: string, branch: string): PullRequestRecord | undefined {
    const row = this.db
      .prepare<[string, string], PullRequestRow>(
        'SELECT * FROM pull_requests WHERE repo_root = ? AND branch = ?',
      )
      .get(repoRoot, branch);
    return row ? toRecord(row) : undefined;
  }

  /** The ones whose state can still change: what the poll asks GitHub about. */
  listOpen(): PullRequestRecord[] {
    return this.db
      .prepare<[], PullRequestRow>(`SELECT * FROM pull_requests WHERE state = 'open'`)
      .all()
      .map(toRecord);
  }

  update(repoRoot: string, branch: string, patch: PullRequestPatch): PullRequestRecord {
    const current = this.get(repoRoot, branch);
    if (!current) throw new Error(`No pull request for ${branch} in ${repoRoot}`);
    const next = { ...current, ...patch };
    this.db
      .prepare(
        `UPDATE pull_requests SET state = @state, draft = @draft, head_sha = @headSha,
           checks = @checks, title = @title, pushed_at = @pushedAt, refreshed_at = @refreshedAt,
           refresh_error = @refreshError
         WHERE repo_root = @repoRoot AND branch = @branch`,
      )
      .run({ ...next, draft: next.draft ? 1 : 0, checks: toJson(next.checks) });
    return next;
  }
}
