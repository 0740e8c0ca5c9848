// git as typed calls: one function runs a command in a folder and returns its output, another
// says whether it succeeded. Internal commits (snapshots) get an identity of their own.
import { execFile } from 'node:child_process';

export interface GitOptions {
  env?: Record<string, string>;
  /** Output to keep before giving up (patches of big changes). */
  maxBuffer?: number;
  /** Written to the command's standard input (`update-ref --stdin`). */
  input?: string;
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

/** Used for commits nobody else sees (snapshots), and as a fallback where git has no identity. */
export const SWITCHBOARD_IDENTITY = {
  GIT_AUTHOR_NAME: 'Switchboard',
  GIT_AUTHOR_EMAIL: 'switchboard@localhost',
  GIT_COMMITTER_NAME: 'Switchboard',
  GIT_COMMITTER_EMAIL: 'switchboard@localhost',
};

/**
 * Config for git calls on Switchboard's own snapshots: none of the person's hooks run (their
 * `post-index-change`, `reference-transaction` and the like are about their work, not ours), and
 * no fsmonitor hook is started for a temporary index. Passed as environment so it also reaches
 * the git a command starts itself.
 */
export const NO_HOOKS: Record<string, string> = {
  GIT_CONFIG_COUNT: '2',
  GIT_CONFIG_KEY_0: 'core.hooksPath',
  GIT_CONFIG_VALUE_0: '/dev/null',
  GIT_CONFIG_KEY_1: 'core.fsmonitor',
  GIT_CONFIG_VALUE_1: 'false',
};

export function git(cwd: string, args: string[], options: GitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd,
        timeout: 120_000,
        maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
        env: { ...process.env, ...options.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const code = typeof error.code === 'number' ? error.code : null;
        const detail = stderr.trim() || stdout.trim() || error.message;
        reject(new GitError(`git ${args[0] ?? ''}: ${detail}`, code, stdout, stderr));
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

export async function gitOk(cwd: string, args: string[], options?: GitOptions): Promise<boolean> {
  return git(cwd, args, options).then(
    () => true,
    () => false,
  );
}

/** The repository's own identity when it has one, else Switchboard's, for commits a person keeps. */
export async function commitIdentity(cwd: string): Promise<Record<string, string>> {
  const email = await git(cwd, ['config', 'user.email']).catch(() => '');
  return email.trim() ? {} : SWITCHBOARD_IDENTITY;
}
