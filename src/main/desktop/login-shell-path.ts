// Apps started from the macOS Finder or a Linux desktop get a bare PATH; sessions need the one
// the person's login shell sets (Homebrew, nvm, …). Ask the shell once at start, with a timeout.
import { execFile } from 'node:child_process';

const MARK = '__SWITCHBOARD_PATH__';

/** The PATH between the markers, ignoring whatever the shell's start-up files print around it. */
export function parseShellPath(output: string): string | null {
  const end = output.lastIndexOf(MARK);
  const start = end > 0 ? output.lastIndexOf(MARK, end - 1) : -1;
  if (start < 0) return null;
  const path = output.slice(start + MARK.length, end).trim();
  return path === '' ? null : path;
}

/** The shell's entries first, then entries only the current PATH has; no duplicates, no blanks. */
export function mergePaths(
  shellPath: string | null,
  currentPath: string | undefined,
  delimiter = ':',
): string {
  const entries = [...(shellPath ?? '').split(delimiter), ...(currentPath ?? '').split(delimiter)];
  return [...new Set(entries.map((entry) => entry.trim()).filter(Boolean))].join(delimiter);
}

export interface LoginShellOptions {
  shell: string;
  timeoutMs?: number;
  run?: typeof execFile;
}

/** The login shell's PATH, or null when the shell fails, hangs or prints none. */
export function loginShellPath({
  shell,
  timeoutMs = 5_000,
  run = execFile,
}: LoginShellOptions): Promise<string | null> {
  return new Promise((resolve) => {
    run(
      shell,
      ['-ilc', `printf '%s%s%s' '${MARK}' "$PATH" '${MARK}'`],
      {
        timeout: timeoutMs,
        encoding: 'utf8',
        env: { ...process.env, DISABLE_AUTO_UPDATE: 'true' },
      },
      (error, stdout) => resolve(error && !stdout ? null : parseShellPath(stdout)),
    );
  });
}

/** `env` with PATH merged from the login shell (macOS and Linux; Windows has no such gap). */
export async function withLoginShellPath(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  ask: (shell: string) => Promise<string | null> = (shell) => loginShellPath({ shell }),
): Promise<NodeJS.ProcessEnv> {
  if (platform === 'win32') return env;
  const shell = env.SHELL || (platform === 'darwin' ? '/bin/zsh' : '/bin/sh');
  const shellPath = await ask(shell);
  return { ...env, PATH: mergePaths(shellPath, env.PATH) };
}
