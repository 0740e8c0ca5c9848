// Starts Claude Code in a container for the Agent SDK (its spawnClaudeCodeProcess option): the
// local child is `podman run -i` (or docker's), the container's command is the same wrapper as
// on an SSH host, and the environment goes as the first line of input, never in argv. The
// local client is the session's process: cancel and the orphan watchdog end its group, and its
// end closes the container's input, on which the wrapper ends everything inside.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { SpawnOptions, SpawnedProcess } from '@anthropic-ai/claude-agent-sdk';
import type { ContainerPlaceConfig } from '../../../shared/domain';
import {
  spawnClaudeProcess,
  type ClaudeProcessHooks,
  type GroupRegistry,
  type SpawnFunction,
} from '../lifecycle/claude-process';
import { apiEndpoint, startApiRelay } from './api-relay';
import { API_SOCKET, CLAUDE_HOME, containerRunArgs } from './container-command';
import { environmentLine } from './far-wrapper';
import { claudeArguments, farEnvironment, pickEnvironment } from './ssh-spawn';

/** What the podman or docker client needs from this machine's environment. */
export const CLIENT_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LC_ALL',
  'XDG_RUNTIME_DIR',
  'XDG_CONFIG_HOME',
  'XDG_DATA_HOME',
  'CONTAINERS_CONF',
  'CONTAINERS_STORAGE_CONF',
  'CONTAINER_HOST',
  'DOCKER_HOST',
  'DOCKER_CONFIG',
];
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export interface ContainerSessionPlan {
  container: ContainerPlaceConfig;
  folder: string;
  engineTag: string;
  claudeHome: string;
  /** Names passed beside Claude Code's own settings: the run's secrets (task.secretEnv, sign-in). */
  forward: string[];
}

export function spawnInContainer(
  spawn: SpawnFunction,
  options: SpawnOptions,
  plan: ContainerSessionPlan,
  hooks: ClaudeProcessHooks,
  groups?: GroupRegistry,
): SpawnedProcess {
  const inside = farEnvironment(options.env, plan.forward);
  inside.CLAUDE_CONFIG_DIR = CLAUDE_HOME;
  // Claude Code skips permissions as root only with its sandbox flag: a sealed place vouches.
  if (plan.container.sealed) inside.IS_SANDBOX = '1';
  else delete inside.IS_SANDBOX;
  // Without a network, or when the API is this machine's loopback (unreachable from inside),
  // the container reaches the API through a relayed socket and nothing else.
  const endpoint = apiEndpoint(inside.ANTHROPIC_BASE_URL);
  const relay =
    endpoint && (!plan.container.network || LOOPBACK_HOSTS.has(endpoint.host))
      ? startApiRelay(endpoint)
      : null;
  if (relay) inside.ANTHROPIC_UNIX_SOCKET = API_SOCKET;
  mkdirSync(plan.claudeHome, { recursive: true });
  const child = spawnClaudeProcess(
    spawn,
    {
      command: plan.container.engine,
      args: containerRunArgs(
        {
          container: plan.container,
          folder: plan.folder,
          name: `switchboard-${randomUUID().slice(0, 13)}`,
          engineTag: plan.engineTag,
          claudeHome: plan.claudeHome,
          apiSocketDir: relay?.folder ?? null,
        },
        claudeArguments(options),
      ),
      cwd: undefined,
      env: pickEnvironment(options.env, CLIENT_ENV),
      signal: options.signal,
    },
    hooks,
    groups,
  );
  if (relay) {
    child.once('exit', () => relay.close());
    child.once('error', () => relay.close());
  }
  child.stdin.write(environmentLine(inside));
  return child;
}
