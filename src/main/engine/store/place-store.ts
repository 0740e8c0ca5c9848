// Places in SQLite: where runs happen besides this machine, and the host keys people accepted.
import type {
  ContainerPlaceConfig,
  Place,
  PlaceKind,
  SshPlaceConfig,
} from '../../../shared/domain';
import type { Db } from './database';
import { parseJson, toJson } from './json';

interface PlaceRow {
  id: string;
  name: string;
  kind: string;
  config: string;
  host_keys: string | null;
  host_key_fingerprint: string | null;
  created_at: number;
  updated_at: number;
}

/** A place as the engine keeps it: with the accepted host keys (known_hosts lines). */
export interface PlaceRecord extends Place {
  hostKeys: string | null;
}

const NO_SSH: SshPlaceConfig = {
  host: '',
  user: '',
  port: 22,
  auth: 'agent',
  keyPath: null,
  claudePath: 'claude',
  folder: '/',
};

const NO_CONTAINER: ContainerPlaceConfig = {
  engine: 'podman',
  image: '',
  claudePath: 'claude',
  mounts: [],
  network: true,
  sealed: false,
};

// The config column holds the kind's own settings: the host of an SSH place, or the container.
function toPlace(row: PlaceRow): PlaceRecord {
  const kind = row.kind as PlaceKind;
  const container = kind === 'container';
  return {
    id: row.id,
    name: row.name,
    kind,
    ssh: container ? NO_SSH : { ...NO_SSH, ...parseJson<Partial<SshPlaceConfig>>(row.config, {}) },
    container: container
      ? { ...NO_CONTAINER, ...parseJson<Partial<ContainerPlaceConfig>>(row.config, {}) }
      : null,
    hostKeys: row.host_keys,
    hostKeyFingerprint: row.host_key_fingerprint,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toPublicPlace(record: PlaceRecord): Place {
  const { hostKeys: _hostKeys, ...place } = record;
  return place;
}

/** The settings of a kind with none of its own yet: an SSH place's empty host. */
export const EMPTY_SSH = NO_SSH;

export class PlaceStore {
  constructor(private readonly db: Db) {}

  insert(place: PlaceRecord): void {
    this.db
      .prepare(
        `INSERT INTO places (id, name, kind, config, host_keys, host_key_fingerprint, created_at,
           updated_at)
         VALUES (@id, @name, @kind, @config, @hostKeys, @hostKeyFingerprint, @createdAt, @updatedAt)`,
      )
      .run(this.params(place));
  }

  update(place: PlaceRecord): void {
    this.db
      .prepare(
        `UPDATE places SET name = @name, kind = @kind, config = @config, host_keys = @hostKeys,
           host_key_fingerprint = @hostKeyFingerprint, updated_at = @updatedAt
         WHERE id = @id`,
      )
      .run(this.params(place));
  }

  get(id: string): PlaceRecord | undefined {
    const row = this.db.prepare<[string], PlaceRow>('SELECT * FROM places WHERE id = ?').get(id);
    return row ? toPlace(row) : undefined;
  }

  list(): PlaceRecord[] {
    return this.db
      .prepare<[], PlaceRow>('SELECT * FROM places ORDER BY name COLLATE NOCASE')
      .all()
      .map(toPlace);
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM places WHERE id = ?').run(id).changes > 0;
  }

  /** Titles of the tasks (not deleted) whose runs happen in this place. */
  tasksUsing(id: string): string[] {
    return this.db
      .prepare<[string], { title: string }>(
        'SELECT title FROM tasks WHERE place_id = ? AND deleted_at IS NULL ORDER BY title',
      )
      .all(id)
      .map((row) => row.title);
  }

  private params(place: PlaceRecord): Record<string, unknown> {
    return {
      id: place.id,
      name: place.name,
      kind: place.kind,
      config: toJson(place.kind === 'container' ? place.container : place.ssh),
      hostKeys: place.hostKeys,
      hostKeyFingerprint: place.hostKeyFingerprint,
      createdAt: place.createdAt,
      updatedAt: place.updatedAt,
    };
  }
}
