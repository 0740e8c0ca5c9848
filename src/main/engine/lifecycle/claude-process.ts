// Starts the Claude Code child process for the SDK, so its PID can be recorded and reaped.
import { spawn as nodeSpawn, type ChildProcess } from 'node:child_process';
import type { SpawnOptions, SpawnedProcess } from '@anthropic-ai/claude-agent-sdk';
import { lowerProcessPriority } from './process-priority';

export type SpawnFunction = typeof nodeSpawn;

export interface ClaudeProcessHooks {
  onSpawn: (pid: number) => void;
  onExit: (pid: number) => void;
  /** Each chunk of the child's stderr, for error messages. */
  onStderr: (text: string) => void;
  /** Run the child below the engine's CPU priority (the "lower priority" setting). */
  lowerPriority?: boolean;
}

export function spawnClaudeProcess(
  spawn: SpawnFunction,
  options: SpawnOptions,
  hooks: ClaudeProcessHooks,
): SpawnedProcess {
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const pid = child.pid;
  if (pid !== undefined) {
    if (hooks.lowerPriority) lowerProcessPriority(pid);
    hooks.onSpawn(pid);
    child.once('exit', () => hooks.onExit(pid));
  }
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => hooks.onStderr(chunk));
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  if (options.signal.aborted) kill();
  else options.signal.addEventListener('abort', kill, { once: true });
  if (!child.stdin || !child.stdout) throw new Error('Claude Code was started without pipes');
  // ChildProcess with piped stdio satisfies the SDK's SpawnedProcess shape.
  return child as SpawnedProcess;
}
