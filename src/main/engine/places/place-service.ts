// Places: saved once (Settings → Places), chosen per task. Keeps the accepted host keys, answers
// "Test this place", and gives the session runner what a run in a place needs to start there.
import { join } from 'node:path';
import type { MethodParams } from '../../../shared/contract';
import type { Place, PlaceCheck, RunPlace, Task } from '../../../shared/domain';
import { ApiError, badInput, notFound } from '../../../shared/errors';
import type { SpawnOptions, SpawnedProcess } from '@anthropic-ai/claude-agent-sdk';
import type { ClaudeProcessHooks, GroupRegistry, SpawnFunction } from '../lifecycle/claude-process';
import { newId } from '../ids';
import type { Store } from '../store';
import { toPublicPlace, type PlaceRecord } from '../store/place-store';
import { checkSshPlace } from './place-check';
import { scanHostKey, writeKnownHosts } from './host-keys';
import { describeSsh } from './ssh-command';
import { spawnOverSsh } from './ssh-spawn';

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
      ssh: params.ssh,
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
  sessionFor(task: Pick<Task, 'placeId'>): RemoteSession | null {
    if (task.placeId === null) return null;
    const place = this.deps.store.places.get(task.placeId);
    if (!place) {
      throw new ApiError(
        'conflict',
        'The place this task runs in was deleted — choose another place for the task.',
      );
    }
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
      spawn: (spawn, options, hooks, groups, forward) =>
        spawnOverSsh(spawn, options, { target, forward }, hooks, groups),
    };
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
