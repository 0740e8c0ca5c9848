// Starts Claude Code on an SSH host for the Agent SDK (its spawnClaudeCodeProcess option): the
// local child is `ssh`, the far side runs the wrapper, and the environment goes as the first line
// of input. The local ssh process is the session's process as far as the engine knows: its group
// is what cancel and the orphan watchdog end, and its end closes the far side's input.
import type { SpawnOptions, SpawnedProcess } from '@anthropic-ai/claude-agent-sdk';
import {
  spawnClaudeProcess,
  type ClaudeProcessHooks,
  type GroupRegistry,
  type SpawnFunction,
} from '../lifecycle/claude-process';
import { environmentLine } from './far-wrapper';
import { remoteInvocation, sessionWords, type ReverseTunnel, type SshTarget } from './ssh-command';

/** What of the session's environment crosses: Claude Code's own settings and the run's secrets. */
const FORWARDED_PREFIXES = ['ANTHROPIC_', 'CLAUDE_CODE_', 'CLAUDE_AGENT_SDK_'];
/** What ssh itself needs from this machine's environment (the agent, its config, its PATH). */
const SSH_CLIENT_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SSH_AUTH_SOCK', 'LANG', 'LC_ALL'];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface SshSessionPlan {
  target: SshTarget;
  /** Names passed beside the prefixes above: the run's secrets (task.secretEnv, sign-in). */
  forward: string[];
  /** Picks the far side's port for a reverse tunnel (random in tests' and people's use alike). */
  tunnelPort?: () => number;
}

export function spawnOverSsh(
  spawn: SpawnFunction,
  options: SpawnOptions,
  plan: SshSessionPlan,
  hooks: ClaudeProcessHooks,
  groups?: GroupRegistry,
): SpawnedProcess {
  const far = farEnvironment(options.env, plan.forward);
  const tunnels: ReverseTunnel[] = [];
  const tunnel = loopbackTunnel(far.ANTHROPIC_BASE_URL, plan.tunnelPort ?? randomTunnelPort);
  if (tunnel) {
    tunnels.push(tunnel.tunnel);
    far.ANTHROPIC_BASE_URL = tunnel.farUrl;
  }
  const child = spawnClaudeProcess(
    spawn,
    {
      command: 'ssh',
      args: remoteInvocation(
        plan.target,
        sessionWords(plan.target.ssh, claudeArguments(options)),
        tunnels,
      ),
      // The folder is the far side's; here ssh runs wherever the engine does.
      cwd: undefined,
      env: pickEnvironment(options.env, SSH_CLIENT_ENV),
      signal: options.signal,
    },
    hooks,
    groups,
  );
  child.stdin.write(environmentLine(far));
  return child;
}

/** Claude Code's own arguments: without the script when the SDK would start it through node. */
export function claudeArguments(options: Pick<SpawnOptions, 'command' | 'args'>): string[] {
  const [first, ...rest] = options.args;
  return first !== undefined && /\.(c|m)?js$/.test(first) ? rest : options.args;
}

export function farEnvironment(
  env: Record<string, string | undefined>,
  forward: string[],
): Record<string, string> {
  const names = new Set(forward);
  const far: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (names.has(name) || FORWARDED_PREFIXES.some((prefix) => name.startsWith(prefix))) {
      far[name] = value;
    }
  }
  return far;
}

/**
 * An API endpoint on this machine (a local proxy, the tests' fake API) is reached from the far
 * side through a reverse tunnel: its URL there names the tunnel's port instead.
 */
function loopbackTunnel(
  baseUrl: string | undefined,
  pickPort: () => number,
): { tunnel: ReverseTunnel; farUrl: string } | null {
  if (!baseUrl) return null;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null;
  }
  if (!LOOPBACK_HOSTS.has(url.hostname)) return null;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const remotePort = pickPort();
  const host = url.hostname === '[::1]' ? '::1' : url.hostname;
  const far = new URL(baseUrl);
  far.hostname = '127.0.0.1';
  far.port = String(remotePort);
  return { tunnel: { remotePort, host, port }, farUrl: far.toString().replace(/\/$/, '') };
}

function randomTunnelPort(): number {
  return 20_000 + Math.floor(Math.random() * 40_000);
}

export function pickEnvironment(
  env: Record<string, string | undefined>,
  names: string[],
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
