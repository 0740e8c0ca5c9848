// Which GitHub repository a git remote points at (https, ssh and scp-like URLs), and whether it
// lives on the GitHub the API setting names: github.com for api.github.com, else the API's host.

export interface GitHubRemote {
  host: string;
  owner: string;
  repo: string;
}

export function parseGitHubRemote(url: string): GitHubRemote | null {
  const trimmed = url.trim();
  // https://host[:port]/owner/repo(.git) and ssh://git@host[:port]/owner/repo(.git)
  const full =
    /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/i.exec(
      trimmed,
    );
  // git@host:owner/repo(.git)
  const scp = /^(?:[^@/]+@)?([^/:]+):([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(trimmed);
  const match = full ?? (trimmed.includes('://') ? null : scp);
  if (!match) return null;
  const [, host, owner, repo] = match;
  if (!host || !owner || !repo) return null;
  return { host: host.toLowerCase(), owner, repo };
}

/** The web host whose repositories the API at `apiUrl` serves. */
export function webHostOf(apiUrl: string): string {
  const host = new URL(apiUrl).hostname.toLowerCase();
  return host === 'api.github.com' ? 'github.com' : host;
}
