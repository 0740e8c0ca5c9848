// Apps started from the macOS Finder or a Linux desktop get a bare PATH; sessions need the one
// the person's login shell sets (Homebrew, nvm, …). Ask the shell once at start, with a deadline
// that holds whatever its start-up files do.
import { spawn, type ChildProcess } from 'node:child_process';

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
  env?: NodeJS.ProcessEnv;
}

/**
 * The login shell's PATH, or null when the shell fails, hangs or prints none. Settles by the
 * deadline whatever the shell does: an interactive shell ignores SIGTERM, and its start-up files
 * may prompt, wait or start programs that keep its output open.
 */
export function loginShellPath({
  shell,
  timeoutMs = 5_000,
  env = process.env,
}: LoginShellOptions): Promise<string | null> {
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    let child: ChildProcess | null = null;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(parseShellPath(output));
    };
    const timer = setTimeout(() => {
      if (child) killGroup(child);
      finish();
    }, timeoutMs);
    try {
      child = spawn(shell, ['-ilc', `printf '%s%s%s' '${MARK}' "$PATH" '${MARK}'`], {
        // No stdin: a start-up file that reads (a prompt, `read`) gets end-of-file, not a wait.
        stdio: ['ignore', 'pipe', 'ignore'],
        // A process group of its own, so the deadline also ends what the start-up files started.
        detached: true,
        env: { ...env, DISABLE_AUTO_UPDATE: 'true' },
      });
    } catch {
      finish();
      return;
    }
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => (output += chunk));
    child.on('error', finish);
    child.on('close', finish);
  });
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** `env` with PATH merged from the login shell (macOS and Linux; Windows has no such gap). */
export async function withLoginShellPath(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  ask: (shell: string) => Promise<string | null> = (shell) => loginShellPath({ shell, env }),
): Promise<NodeJS.ProcessEnv> {
  if (platform === 'win32') return env;
  const shell = env.SHELL || (platform === 'darwin' ? '/bin/zsh' : '/bin/sh');
  const shellPath = await ask(shell);
  return { ...env, PATH: mergePaths(shellPath, env.PATH) };
}
