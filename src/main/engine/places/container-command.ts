// The podman (or docker: the same command line) invocation for a run in a container, as typed
// data: the task's folder at the same path, the place's extra mounts, no network or the default
// one, a name and labels that let the engine find and remove what a crash left behind.
import { createHash } from 'node:crypto';
import type { ContainerPlaceConfig } from '../../../shared/domain';
import { FAR_WRAPPER } from './far-wrapper';

/** Every container Switchboard starts carries this label; cleanup also matches the engine's. */
export const CONTAINER_LABEL = 'switchboard';
/** Where the API relay's socket folder appears inside the container. */
export const API_SOCKET_DIR = '/run/switchboard-api';
export const API_SOCKET = `${API_SOCKET_DIR}/api.sock`;
/** Where the place's Claude Code config (its sessions, for follow-ups) appears inside. */
export const CLAUDE_HOME = '/switchboard/claude';

export interface ContainerSession {
  container: ContainerPlaceConfig;
  /** The task's folder: mounted at the same path, the run works there. */
  folder: string;
  /** The container's name: switchboard-<something unique>. */
  name: string;
  /** Which engine's containers these are (engineTag), so one engine never removes another's. */
  engineTag: string;
  /** This machine's folder kept as the container's Claude Code config (sessions survive --rm). */
  claudeHome: string;
  /** The folder holding the API relay's socket; null: the container reaches the API itself. */
  apiSocketDir: string | null;
}

/** A short tag naming one engine (its data folder) in container labels. */
export function engineTag(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
}

/** `podman run …` arguments: the wrapper is the command, Claude Code's arguments follow it. */
export function containerRunArgs(session: ContainerSession, claudeArgs: string[]): string[] {
  const { container } = session;
  const args = [
    'run',
    '-i',
    '--rm',
    // Images are never pulled when a run starts: a run must not wait on, or trust, a registry.
    '--pull=never',
    // Signals end the client only: its end closes the container's input, and the wrapper inside
    // ends Claude Code and its tools (a signal to pid 1 in the container would be ignored).
    '--sig-proxy=false',
    '--name',
    session.name,
    '--label',
    `${CONTAINER_LABEL}=1`,
    '--label',
    `${CONTAINER_LABEL}.engine=${session.engineTag}`,
    '--entrypoint',
    'sh',
  ];
  if (!container.network) args.push('--network=none');
  args.push('-v', `${session.folder}:${session.folder}`, '-w', session.folder);
  for (const mount of container.mounts) {
    args.push('-v', `${mount.hostPath}:${mount.containerPath}${mount.readOnly ? ':ro' : ''}`);
  }
  args.push('-v', `${session.claudeHome}:${CLAUDE_HOME}`);
  if (session.apiSocketDir !== null) args.push('-v', `${session.apiSocketDir}:${API_SOCKET_DIR}`);
  args.push(
    container.image,
    '-c',
    FAR_WRAPPER,
    'switchboard-wrapper',
    session.folder,
    container.claudePath,
    ...claudeArgs,
  );
  return args;
}

/** How the place reads in lists: "podman localhost/claude:2 (no network)". */
export function describeContainer(container: ContainerPlaceConfig): string {
  const reach = container.network ? 'network' : 'no network';
  return `${container.engine} ${container.image} (${reach}${container.sealed ? ', sealed' : ''})`;
}

/** Arguments that list this engine's containers by label, for the cleanup at start. */
export function leftoverQueryArgs(tag: string): string[] {
  return ['ps', '-aq', '--filter', `label=${CONTAINER_LABEL}.engine=${tag}`];
}
