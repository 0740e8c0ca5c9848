// A small GitHub REST client for pull requests: create one, read its state, read the check runs
// of a commit. The base URL is a setting (GitHub Enterprise: https://<host>/api/v3); the token is
// sent only as the Authorization header and never appears in an error this throws.
import type { PullRequestCheck, PullRequestState } from '../../../shared/domain';
import { isRecord } from '../../../shared/typing';

export type FetchFunction = typeof fetch;

export class GitHubError extends Error {
  constructor(
    message: string,
    /** GitHub's HTTP status, or null when it could not be reached. */
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

export interface GitHubPull {
  number: number;
  url: string;
  title: string;
  state: PullRequestState;
  draft: boolean;
  headSha: string;
}

export interface NewPull {
  owner: string;
  repo: string;
  title: string;
  body: string;
  head: string;
  base: string;
}

export class GitHubApi {
  private readonly base: string;

  constructor(private readonly options: { apiUrl: string; token: string; fetch?: FetchFunction }) {
    this.base = options.apiUrl.replace(/\/+$/, '');
  }

  async createPull(pull: NewPull): Promise<GitHubPull> {
    const { owner, repo, ...body } = pull;
    return toPull(await this.request('POST', `/repos/${path(owner)}/${path(repo)}/pulls`, body));
  }

  /** The open pull request from `head` (a branch of the same repository), if there is one. */
  async openPullFrom(owner: string, repo: string, head: string): Promise<GitHubPull | null> {
    const query = `?state=open&head=${encodeURIComponent(`${owner}:${head}`)}`;
    const list = await this.request('GET', `/repos/${path(owner)}/${path(repo)}/pulls${query}`);
    const first: unknown = Array.isArray(list) ? list[0] : undefined;
    return first === undefined ? null : toPull(first);
  }

  async getPull(owner: string, repo: string, number: number): Promise<GitHubPull> {
    return toPull(await this.request('GET', `/repos/${path(owner)}/${path(repo)}/pulls/${number}`));
  }

  async checkRuns(owner: string, repo: string, sha: string): Promise<PullRequestCheck[]> {
    const answer = await this.request(
      'GET',
      `/repos/${path(owner)}/${path(repo)}/commits/${path(sha)}/check-runs?per_page=100`,
    );
    const runs: unknown[] =
      isRecord(answer) && Array.isArray(answer.check_runs) ? answer.check_runs : [];
    return runs.filter(isRecord).map((run) => ({
      name: typeof run.name === 'string' ? run.name : 'check',
      status:
        run.status === 'queued' || run.status === 'in_progress'
          ? run.status
          : ('completed' as const),
      conclusion: typeof run.conclusion === 'string' ? run.conclusion : null,
      url: typeof run.html_url === 'string' ? run.html_url : null,
    }));
  }

  private async request(method: string, route: string, body?: unknown): Promise<unknown> {
    const fetchImpl = this.options.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetchImpl(`${this.base}${route}`, {
        method,
        headers: {
          Accept: 'application/vnd.github+json',
          Authorization: `Bearer ${this.options.token}`,
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': 'Switchboard',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new GitHubError(`GitHub at ${this.base} could not be reached (${reason}).`, null);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    if (!response.ok)
      throw new GitHubError(describeFailure(response.status, parsed), response.status);
    return parsed;
  }
}

function describeFailure(status: number, body: unknown): string {
  const said = isRecord(body) && typeof body.message === 'string' ? body.message : '';
  const details =
    isRecord(body) && Array.isArray(body.errors)
      ? body.errors
          .map((e) => (isRecord(e) && typeof e.message === 'string' ? e.message : ''))
          .filter(Boolean)
      : [];
  const text = [said, ...details].filter(Boolean).join(': ').slice(0, 300);
  if (status === 401)
    return `GitHub refused the token (401${text ? `: ${text}` : ''}). Replace the GITHUB_TOKEN secret in Settings → Secrets.`;
  if (status === 403 || status === 404)
    return `GitHub answered ${status}${text ? ` (${text})` : ''}: the token may not have access to this repository.`;
  return `GitHub answered ${status}${text ? `: ${text}` : ''}.`;
}

function toPull(value: unknown): GitHubPull {
  if (!isRecord(value) || typeof value.number !== 'number' || typeof value.html_url !== 'string') {
    throw new GitHubError('GitHub answered with something that is not a pull request.', null);
  }
  const head = isRecord(value.head) ? value.head : {};
  const merged = value.merged === true || typeof value.merged_at === 'string';
  return {
    number: value.number,
    url: value.html_url,
    title: typeof value.title === 'string' ? value.title : '',
    state: merged ? 'merged' : value.state === 'closed' ? 'closed' : 'open',
    draft: value.draft === true,
    headSha: typeof head.sha === 'string' ? head.sha : '',
  };
}

/** One path segment, escaped: owner and repository names come from a remote URL. */
function path(segment: string): string {
  return encodeURIComponent(segment);
}
