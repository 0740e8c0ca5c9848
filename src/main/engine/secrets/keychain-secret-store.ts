// Secrets in the OS keychain (macOS Keychain, Secret Service on Linux, Windows Credential Manager)
// through @github/keytar. A missing native module or keychain reads as "unavailable"; never a crash.
import { ApiError } from '../../../shared/errors';
import type { SecretStore } from './secrets';

export const KEYCHAIN_SERVICE = 'Switchboard';

/** The part of keytar this store uses; tests hand in a stand-in to simulate a missing module. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export interface KeychainOptions {
  /** The keychain service the entries are kept under; one entry (account) per secret name. */
  service?: string;
  loadKeytar?: () => Promise<KeytarApi>;
  /** A keychain that does not answer within this time counts as unreachable. */
  timeoutMs?: number;
}

type Loaded = { keytar: KeytarApi } | { reason: string };

export class KeychainSecretStore implements SecretStore {
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly load: () => Promise<KeytarApi>;
  private loaded: Promise<Loaded> | undefined;

  constructor(options: KeychainOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.load = options.loadKeytar ?? importKeytar;
  }

  /** Asks the keychain for this service's entries: only an answer counts as available. */
  async availability(): Promise<{ available: boolean; reason: string | null }> {
    const loaded = await this.keytar();
    if ('reason' in loaded) return { available: false, reason: loaded.reason };
    try {
      await this.withTimeout(loaded.keytar.findCredentials(this.service));
      return { available: true, reason: null };
    } catch (error) {
      return {
        available: false,
        reason: `No keychain is reachable (${describe(error)}), so secrets cannot be stored on this machine.`,
      };
    }
  }

  async names(): Promise<string[]> {
    const keytar = await this.require();
    const found = await this.withTimeout(keytar.findCredentials(this.service));
    return [...new Set(found.map((entry) => entry.account))].sort();
  }

  async get(name: string): Promise<string | null> {
    const keytar = await this.require();
    return this.withTimeout(keytar.getPassword(this.service, name));
  }

  async set(name: string, value: string): Promise<void> {
    const keytar = await this.require();
    try {
      await this.withTimeout(keytar.setPassword(this.service, name, value));
    } catch (error) {
      // The message names the secret, never its value.
      throw new ApiError('unavailable', `The keychain did not store ${name}: ${describe(error)}`);
    }
  }

  async delete(name: string): Promise<void> {
    const keytar = await this.require();
    try {
      await this.withTimeout(keytar.deletePassword(this.service, name));
    } catch (error) {
      throw new ApiError('unavailable', `The keychain did not delete ${name}: ${describe(error)}`);
    }
  }

  private keytar(): Promise<Loaded> {
    this.loaded ??= this.load().then(
      (keytar): Loaded => ({ keytar }),
      (error: unknown): Loaded => ({
        reason: `The keychain module could not be loaded (${describe(error)}), so secrets cannot be stored.`,
      }),
    );
    return this.loaded;
  }

  private async require(): Promise<KeytarApi> {
    const loaded = await this.keytar();
    if ('reason' in loaded) throw new ApiError('unavailable', loaded.reason);
    return loaded.keytar;
  }

  private withTimeout<T>(promise: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      timer.unref();
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

async function importKeytar(): Promise<KeytarApi> {
  // Imported on first use, so a build without the native module still starts.
  const loaded = (await import('@github/keytar')) as KeytarApi & { default?: KeytarApi };
  return loaded.default ?? loaded;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().replace(/\.$/, '') || 'unknown error';
}
