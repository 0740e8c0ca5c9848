// Starts the Claude Code child process for the SDK in a process group of its own, records its
// PID, and ends the whole group (the tools' children too) when the session ends or is aborted.
import { spawn as nodeSpawn, type ChildProcess } from 'node:child_process';
import type { SpawnOptions, SpawnedProcess } from '@anthropic-ai/claude-agent-sdk';
import { lowerAutogroup, lowerProcessPriority } from './process-priority';
import { endGroup, IS_POSIX } from './process-group';

export type SpawnFunction = typeof nodeSpawn;

export interface ClaudeProcessHooks {
  onSpawn: (pid: number) => void;
  onExit: (pid: number) => void;
  /** Each chunk of the child's stderr, for error messages. */
  onStderr: (text: string) => void;
  /** Run the child below the engine's CPU priority (the "lower priority" setting). */
  lowerPriority?: boolean;
}

/** Keeps a list of live process groups for the orphan watchdog. */
export interface GroupRegistry {
  watch(groupId: number): void;
  release(groupId: number): void;
}

/** How long the group gets between SIGTERM and SIGKILL. */
export const GROUP_GRACE_MS = 2_000;

/**
 * 'exit' listeners one Claude Code process may carry. The Agent SDK's ProcessTransport adds two
 * once-listeners for every caller of its waitForExit() (the message reader, the query's close,
 * the resumed-config cleanup, the prewarm's own wait) on top of its own two, and we add one: 11
 * at a session's end, one over Node's default warning limit of 10. They all go at exit; a real
 * leak (listeners per message) would still pass this and warn.
 */
export const EXIT_LISTENER_LIMIT = 20;

export function spawnClaudeProcess(
  spawn: SpawnFunction,
  options: SpawnOptions,
  hooks: ClaudeProcessHooks,
  groups?: GroupRegistry,
): SpawnedProcess {
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
    // A new process group led by Claude Code: its pid is the group id the watchdog and cancel use.
    detached: IS_POSIX,
  });
  child.setMaxListeners(EXIT_LISTENER_LIMIT);
  const pid = child.pid;
  let ended: Promise<void> | undefined;
  const endTree = (): Promise<void> => {
    if (pid === undefined) return Promise.resolve();
    ended ??= endGroup(pid, GROUP_GRACE_MS).finally(() => groups?.release(pid));
    return ended;
  };
  if (pid !== undefined) {
    if (hooks.lowerPriority) {
      lowerProcessPriority(pid);
      // Its session's share too, where Linux shares CPU between sessions first.
      void lowerAutogroup(pid);
    }
    groups?.watch(pid);
    hooks.onSpawn(pid);
    child.once('exit', () => {
      hooks.onExit(pid);
      // Claude Code is gone; whatever it started in its group (a background shell) goes too.
      // Windows has no groups, and an exited pid may already name another process there.
      if (IS_POSIX) void endTree();
      else groups?.release(pid);
    });
  }
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => hooks.onStderr(chunk));
  const kill = () => {
    // On Windows only while Claude Code lives: its pid is the root taskkill walks the tree from.
    if (IS_POSIX || (child.exitCode === null && child.signalCode === null)) void endTree();
  };
  if (options.signal.aborted) kill();
  else options.signal.addEventListener('abort', kill, { once: true });
  if (!child.stdin || !child.stdout) throw new Error('Claude Code was started without pipes');
  // ChildProcess with piped stdio satisfies the SDK's SpawnedProcess shape.
  return child as SpawnedProcess;
}
