// Places: saved once (Settings → Places), chosen per task. Keeps the accepted host keys, answers
// "Test this place", and gives the session runner what a run in a place needs to start there.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { MethodParams } from '../../../shared/contract';
import type { Place, PlaceCheck, RunPlace, Task } from '../../../shared/domain';
import { ApiError, badInput, notFound } from '../../../shared/errors';
import type { SpawnOptions, SpawnedProcess } from '@anthropic-ai/claude-agent-sdk';
import type { ClaudeProcessHooks, GroupRegistry, SpawnFunction } from '../lifecycle/claude-process';
import { newId } from '../ids';
import type { Store } from '../store';
import { EMPTY_SSH, toPublicPlace, type PlaceRecord } from '../store/place-store';
import { checkContainerPlace } from './container-check';
import { describeContainer, engineTag, leftoverQueryArgs } from './container-command';
import { CLIENT_ENV, spawnInContainer } from './container-spawn';
import { checkSshPlace } from './place-check';
import { scanHostKey, writeKnownHosts } from './host-keys';
import { describeSsh } from './ssh-command';
import { pickEnvironment, spawnOverSsh } from './ssh-spawn';

export interface PlaceServiceDeps {
  store: Store;
  clock: () => number;
  dataDir: string;
  /** The engine's environment: ssh finds its agent and its PATH there. */
  env: Record<string, string | undefined>;
}

/** What a run in a place needs: where it is, its folder there, and how to start Claude Code. */
export interface RemoteSession {
  place: RunPlace;
  /** The folder the run works in, on the far side. */
  folder: string;
  /** Whether Claude Code there runs as root (it refuses "Allow everything" then). */
  runsAsRoot: boolean;
  /** A sealed container: "Allow everything" works there (Claude Code's sandbox flag is set). */
  sealed: boolean;
  /**
   * The run works in a folder of this machine (a container mounts it at the same path): the
   * workdir, worktree isolation and review are prepared here as for a local run.
   */
  sharesFolder: boolean;
  spawn(
    spawn: SpawnFunction,
    options: SpawnOptions,
    hooks: ClaudeProcessHooks,
    groups: GroupRegistry | undefined,
    forward: string[],
  ): SpawnedProcess;
}

export class PlaceService {
  private readonly keyFolder: string;

  constructor(private readonly deps: PlaceServiceDeps) {
    this.keyFolder = join(deps.dataDir, 'places');
  }

  list(): Place[] {
    return this.deps.store.places.list().map(toPublicPlace);
  }

  get(placeId: string): Place {
    return toPublicPlace(this.record(placeId));
  }

  create(params: MethodParams<'places.create'>): Place {
    const now = this.deps.clock();
    const record: PlaceRecord = {
      id: newId('place'),
      name: params.name,
      kind: params.kind,
      ssh: params.kind === 'ssh' ? params.ssh : EMPTY_SSH,
      container: params.kind === 'container' ? params.container : null,
      hostKeys: null,
      hostKeyFingerprint: null,
      createdAt: now,
      updatedAt: now,
    };
    this.deps.store.places.insert(record);
    return this.get(record.id);
  }

  update(params: MethodParams<'places.update'>): Place {
    const current = this.record(params.placeId);
    const next: PlaceRecord = { ...current, updatedAt: this.deps.clock() };
    if (params.name !== undefined) next.name = params.name;
    if (params.ssh !== undefined) {
      // Another host (or port) is another key: the person accepts the new one after a test.
      if (params.ssh.host !== current.ssh.host || params.ssh.port !== current.ssh.port) {
        next.hostKeys = null;
        next.hostKeyFingerprint = null;
      }
      next.ssh = params.ssh;
    }
    if (params.container !== undefined && current.kind === 'container') {
      next.container = params.container;
    }
    this.deps.store.places.update(next);
    return this.get(next.id);
  }

  delete(placeId: string): { ok: true } {
    this.record(placeId);
    const tasks = this.deps.store.places.tasksUsing(placeId);
    if (tasks.length > 0) {
      throw new ApiError(
        'conflict',
        `The place is chosen by ${tasks.length === 1 ? 'the task' : 'the tasks'} ${tasks.join(', ')}: choose another place there first.`,
      );
    }
    this.deps.store.places.delete(placeId);
    return { ok: true };
  }

  async test(placeId: string): Promise<PlaceCheck> {
    const place = this.record(placeId);
    if (place.container)
      return checkContainerPlace(place.container, this.deps.env, this.deps.clock);
    return checkSshPlace({
      ssh: place.ssh,
      acceptedFingerprint: place.hostKeyFingerprint,
      knownHostsFile: place.hostKeys === null ? null : this.knownHosts(place),
      env: this.deps.env,
      clock: this.deps.clock,
    });
  }

  /** Accepts the host's key if it still is the one the person was shown. */
  async trustHostKey(params: MethodParams<'places.trustHostKey'>): Promise<Place> {
    const place = this.record(params.placeId);
    const scanned = await scanHostKey(place.ssh.host, place.ssh.port);
    if (!scanned) {
      throw new ApiError(
        'unavailable',
        `Nothing answered at ${place.ssh.host} port ${place.ssh.port}.`,
      );
    }
    if (scanned.fingerprint !== params.fingerprint) {
      throw badInput(
        'fingerprint',
        `the host now offers ${scanned.fingerprint}, not the key you were shown; test the place again`,
      );
    }
    this.deps.store.places.update({
      ...place,
      hostKeys: scanned.line,
      hostKeyFingerprint: scanned.fingerprint,
      updatedAt: this.deps.clock(),
    });
    return this.get(place.id);
  }

  /** The place a task's runs happen in; null: this machine. Throws what stops a run there. */
  sessionFor(task: Pick<Task, 'placeId' | 'cwd'>): RemoteSession | null {
    if (task.placeId === null) return null;
    const place = this.deps.store.places.get(task.placeId);
    if (!place) {
      throw new ApiError(
        'conflict',
        'The place this task runs in was deleted — choose another place for the task.',
      );
    }
    if (place.container) return this.containerSession(place, place.container, task.cwd);
    if (place.hostKeys === null) {
      throw new ApiError(
        'conflict',
        `The host key of ${place.name} is not accepted yet — test the place in Settings → Places and accept its key.`,
      );
    }
    const target = { ssh: place.ssh, knownHostsFile: this.knownHosts(place) };
    return {
      place: { id: place.id, name: place.name, kind: place.kind, where: describeSsh(place.ssh) },
      folder: place.ssh.folder,
      runsAsRoot: place.ssh.user === 'root',
      sealed: false,
      sharesFolder: false,
      spawn: (spawn, options, hooks, groups, forward) =>
        spawnOverSsh(spawn, options, { target, forward }, hooks, groups),
    };
  }

  /**
   * Removes the containers of this engine's runs that a crash or a kill -9 left behind (their
   * wrapper ends them when their input closes; this is for whatever still stands), at start.
   */
  async removeLeftoverContainers(): Promise<number> {
    const engines = new Set(
      this.deps.store.places
        .list()
        .flatMap((place) => (place.container ? [place.container.engine] : [])),
    );
    let removed = 0;
    for (const engine of engines) {
      const ids = (await this.client(engine, leftoverQueryArgs(this.tag()))).split(/\s+/);
      const leftovers = ids.filter((id) => /^[0-9a-f]{6,}$/.test(id));
      if (leftovers.length === 0) continue;
      await this.client(engine, ['rm', '-f', ...leftovers]);
      removed += leftovers.length;
    }
    return removed;
  }

  private containerSession(
    place: PlaceRecord,
    container: NonNullable<PlaceRecord['container']>,
    folder: string,
  ): RemoteSession {
    const claudeHome = join(this.keyFolder, place.id, 'claude');
    return {
      place: {
        id: place.id,
        name: place.name,
        kind: place.kind,
        where: describeContainer(container),
      },
      folder,
      // An image's user is root unless it says otherwise; only a sealed place vouches for it.
      runsAsRoot: !container.sealed,
      sealed: container.sealed,
      sharesFolder: true,
      // The SDK's cwd is the run's workdir here (the task's folder or its worktree): mounted as is.
      spawn: (spawn, options, hooks, groups, forward) =>
        spawnInContainer(
          spawn,
          options,
          { container, folder: options.cwd ?? folder, engineTag: this.tag(), claudeHome, forward },
          hooks,
          groups,
        ),
    };
  }

  private tag(): string {
    return engineTag(this.deps.dataDir);
  }

  /** The container client's output; empty when it is missing or fails (nothing to clean). */
  private client(engine: string, args: string[]): Promise<string> {
    const env = pickEnvironment(this.deps.env, CLIENT_ENV);
    return new Promise((resolve) => {
      execFile(engine, args, { env, timeout: 30_000 }, (error, stdout) =>
        resolve(error ? '' : stdout),
      );
    });
  }

  private knownHosts(place: PlaceRecord): string {
    return writeKnownHosts(this.keyFolder, place.id, place.hostKeys ?? '');
  }

  private record(placeId: string): PlaceRecord {
    const place = this.deps.store.places.get(placeId);
    if (!place) throw notFound('place', placeId);
    return place;
  }
}
