// Which remotes name a GitHub repository, and on which host.
import { describe, expect, it } from 'vitest';
import {
  parseGitHubRemote,
  webHostOf,
} from '../../../../src/main/engine/pull-requests/github-remote';

describe('parseGitHubRemote', () => {
  it('reads https, ssh and scp-like remotes, with or without .git', () => {
    const expected = { host: 'github.com', owner: 'octo', repo: 'widgets' };
    expect(parseGitHubRemote('https://github.com/octo/widgets.git')).toEqual(expected);
    expect(parseGitHubRemote('https://user@github.com/octo/widgets')).toEqual(expected);
    expect(parseGitHubRemote('git@github.com:octo/widgets.git')).toEqual(expected);
    expect(parseGitHubRemote('ssh://git@GitHub.com:22/octo/widgets.git')).toEqual(expected);
    expect(parseGitHubRemote('https://ghe.example.com/team/tool.js')).toEqual({
      host: 'ghe.example.com',
      owner: 'team',
      repo: 'tool.js',
    });
  });

  it('refuses local paths and URLs that do not name owner/repository', () => {
    expect(parseGitHubRemote('/srv/git/widgets.git')).toBeNull();
    expect(parseGitHubRemote('file:///srv/git/widgets.git')).toBeNull();
    expect(parseGitHubRemote('../widgets')).toBeNull();
    expect(parseGitHubRemote('https://github.com/octo')).toBeNull();
    expect(parseGitHubRemote('https://gitlab.example.com/group/sub/project.git')).toBeNull();
  });
});

describe('webHostOf', () => {
  it('maps the public API to github.com and an Enterprise API to its own host', () => {
    expect(webHostOf('https://api.github.com')).toBe('github.com');
    expect(webHostOf('https://ghe.example.com/api/v3')).toBe('ghe.example.com');
    expect(webHostOf('http://127.0.0.1:4567')).toBe('127.0.0.1');
  });
});
