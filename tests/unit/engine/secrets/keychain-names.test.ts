// Listing secret names reads one index entry, never every value; set and delete keep the index,
// and a keychain from before the index is listed the old way once, then indexed.
import { describe, expect, it } from 'vitest';
import {
  KeychainSecretStore,
  NAMES_ACCOUNT,
  type KeytarApi,
} from '../../../../src/main/engine/secrets/keychain-secret-store';
import { SecretService } from '../../../../src/main/engine/secrets/secret-service';

/** An in-memory keychain that records which values were read. */
function recordingKeychain(initial: Record<string, string> = {}) {
  const entries = new Map(Object.entries(initial));
  const valuesRead: string[] = [];
  let fullListings = 0;
  const keytar: KeytarApi = {
    getPassword: (_service, account) => {
      valuesRead.push(account);
      return Promise.resolve(entries.get(account) ?? null);
    },
    setPassword: (_service, account, password) => {
      entries.set(account, password);
      return Promise.resolve();
    },
    deletePassword: (_service, account) => Promise.resolve(entries.delete(account)),
    findCredentials: () => {
      fullListings++;
      for (const account of entries.keys()) valuesRead.push(account);
      return Promise.resolve([...entries].map(([account, password]) => ({ account, password })));
    },
  };
  return {
    entries,
    valuesRead,
    fullListings: () => fullListings,
    store: new KeychainSecretStore({ loadKeytar: () => Promise.resolve(keytar) }),
  };
}

describe('keychain names index', () => {
  it('lists names without reading any secret value', async () => {
    const keychain = recordingKeychain();
    const service = new SecretService(keychain.store);
    await service.set('GH_TOKEN', 'ghp_value');
    await service.set('ANTHROPIC_API_KEY', 'sk-value');
    // The first write found no index and built it: one listing the old way, then never again.
    expect(keychain.fullListings()).toBe(1);
    keychain.valuesRead.length = 0;
    expect((await service.state()).secrets).toEqual([
      { name: 'ANTHROPIC_API_KEY' },
      { name: 'GH_TOKEN' },
    ]);
    expect(new Set(keychain.valuesRead)).toEqual(new Set([NAMES_ACCOUNT]));
    expect(keychain.fullListings()).toBe(1);

    await service.delete('GH_TOKEN');
    expect(await keychain.store.names()).toEqual(['ANTHROPIC_API_KEY']);
    expect(keychain.entries.has('GH_TOKEN')).toBe(false);
  });

  it('keeps every name when secrets are set at the same time', async () => {
    const keychain = recordingKeychain();
    await Promise.all(
      ['A_TOKEN', 'B_TOKEN', 'C_TOKEN', 'D_TOKEN'].map((name) => keychain.store.set(name, 'v')),
    );
    expect(await keychain.store.names()).toEqual(['A_TOKEN', 'B_TOKEN', 'C_TOKEN', 'D_TOKEN']);
  });

  it('indexes a keychain written before the index once, then reads only the index', async () => {
    const keychain = recordingKeychain({ OLD_TOKEN: 'old-value', OTHER_KEY: 'other' });
    expect(await keychain.store.names()).toEqual(['OLD_TOKEN', 'OTHER_KEY']);
    expect(keychain.fullListings()).toBe(1);
    keychain.valuesRead.length = 0;
    expect(await keychain.store.names()).toEqual(['OLD_TOKEN', 'OTHER_KEY']);
    expect(keychain.fullListings()).toBe(1);
    expect(keychain.valuesRead).toEqual([NAMES_ACCOUNT]);
  });
});
