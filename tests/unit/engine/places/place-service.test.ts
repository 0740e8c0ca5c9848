// Places as saved: a new host or port forgets the accepted key, a place a task names cannot be
// deleted, and a task whose place is not ready says what to do before any run starts.
import { describe, expect, it } from 'vitest';
import { PlaceService } from '../../../../src/main/engine/places/place-service';
import { checkPlacedTask } from '../../../../src/main/engine/places/place-preflight';
import { PlaceCreateInput } from '../../../../src/shared/schemas';
import { tempDir } from '../../../support/claude-env';
import { taskRecord } from '../../../support/records';
import { openStore } from '../../../support/store-fixtures';

const SSH = {
  host: 'build.example',
  user: 'alice',
  port: 22,
  auth: 'agent' as const,
  keyPath: null,
  claudePath: 'claude',
  folder: '/srv/repo',
};

function setUp() {
  const store = openStore();
  const places = new PlaceService({ store, clock: () => 1_000, dataDir: tempDir('data'), env: {} });
  const place = places.create({ name: 'Build', kind: 'ssh', ssh: SSH });
  // As places.trustHostKey leaves it, without a host to scan.
  const record = store.places.get(place.id);
  if (!record) throw new Error('not saved');
  store.places.update({
    ...record,
    hostKeys: 'build.example ssh-ed25519 AAAA',
    hostKeyFingerprint: 'SHA256:x',
  });
  return { store, places, placeId: place.id };
}

describe('places', () => {
  it('forgets the accepted key when the host or the port changes, not for other settings', () => {
    const { places, placeId } = setUp();
    const renamed = places.update({
      placeId,
      name: 'Build 2',
      ssh: { ...SSH, folder: '/srv/other' },
    });
    expect(renamed.hostKeyFingerprint).toBe('SHA256:x');
    const moved = places.update({ placeId, ssh: { ...SSH, port: 2222 } });
    expect(moved.hostKeyFingerprint).toBeNull();
  });

  it('refuses to delete a place a task names, naming the task', () => {
    const { store, places, placeId } = setUp();
    store.tasks.insert(taskRecord({ id: 'task_far', title: 'Nightly build', placeId }));
    expect(() => places.delete(placeId)).toThrow(/the task Nightly build: choose another place/);
    store.tasks.update({
      ...taskRecord({ id: 'task_far', title: 'Nightly build' }),
      placeId: null,
    });
    expect(places.delete(placeId)).toEqual({ ok: true });
    expect(places.list()).toEqual([]);
  });

  it('says before a run that the key is not accepted yet, or that the place is gone', () => {
    const { store, places, placeId } = setUp();
    const fresh = places.create({ name: 'New box', kind: 'ssh', ssh: SSH });
    const unready = checkPlacedTask({ placeId: fresh.id, permissionMode: 'default' }, places);
    expect(unready.ok).toBe(false);
    expect(unready.problems[0]).toMatchObject({
      code: 'place_unready',
      message: 'The host key of New box is not accepted yet',
      place: 'settings',
    });
    expect(checkPlacedTask({ placeId, permissionMode: 'default' }, places).ok).toBe(true);
    store.places.delete(placeId);
    expect(
      checkPlacedTask({ placeId, permissionMode: 'default' }, places).problems[0]?.message,
    ).toBe('The place this task runs in was deleted');
  });

  it('refuses "Allow everything" where the place logs in as root', () => {
    const { store, places, placeId } = setUp();
    const record = store.places.get(placeId);
    if (!record) throw new Error('not saved');
    store.places.update({ ...record, ssh: { ...SSH, user: 'root' } });
    const check = checkPlacedTask({ placeId, permissionMode: 'bypassPermissions' }, places);
    expect(check.problems[0]?.code).toBe('bypass_as_root');
    expect(checkPlacedTask({ placeId, permissionMode: 'acceptEdits' }, places).ok).toBe(true);
  });

  it('refuses a host that could be read as an ssh option, and a relative far folder', () => {
    const bad = PlaceCreateInput.safeParse({
      name: 'x',
      ssh: { ...SSH, host: '-oProxyCommand=x' },
    });
    expect(bad.success).toBe(false);
    const relative = PlaceCreateInput.safeParse({ name: 'x', ssh: { ...SSH, folder: 'repo' } });
    expect(relative.success).toBe(false);
    const key = PlaceCreateInput.safeParse({ name: 'x', ssh: { ...SSH, auth: 'key' } });
    expect(key.success).toBe(false);
  });
});
