// A secret store kept in memory: a test stand-in for the OS keychain.
import type { SecretStore } from '../../src/main/engine/secrets/secrets';

export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();

  availability(): Promise<{ available: boolean; reason: string | null }> {
    return Promise.resolve({ available: true, reason: null });
  }
  names(): Promise<string[]> {
    return Promise.resolve([...this.values.keys()]);
  }
  get(name: string): Promise<string | null> {
    return Promise.resolve(this.values.get(name) ?? null);
  }
  set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
    return Promise.resolve();
  }
  delete(name: string): Promise<void> {
    this.values.delete(name);
    return Promise.resolve();
  }
}
