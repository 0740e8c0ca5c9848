// Secrets in the OS keychain (macOS Keychain, Secret Service on Linux, Windows Credential Manager)
// through @github/keytar. A missing native module or keychain reads as "unavailable"; never a crash.
// The names are kept in one extra entry, so listing them never decrypts the values.
import { ApiError } from '../../../shared/errors';
import type { SecretStore } from './secrets';

export const KEYCHAIN_SERVICE = 'Switchboard';
/** The entry holding the list of names; never a valid secret name (those are env var names). */
export const NAMES_ACCOUNT = '.switchboard-names';

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
  /** Index updates run one after another, so two writes cannot lose each other's name. */
  private indexQueue: Promise<unknown> = Promise.resolve();

  constructor(options: KeychainOptions = {}) {
    this.service = options.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.load = options.loadKeytar ?? importKeytar;
  }

  /** Asks the keychain for the names entry: only an answer counts as available. */
  async availability(): Promise<{ available: boolean; reason: string | null }> {
    const loaded = await this.keytar();
    if ('reason' in loaded) return { available: false, reason: loaded.reason };
    try {
      await this.withTimeout(loaded.keytar.getPassword(this.service, NAMES_ACCOUNT));
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
    return this.readIndex(keytar);
  }

  async get(name: string): Promise<string | null> {
    const keytar = await this.require();
    return this.withTimeout(keytar.getPassword(this.service, name));
  }

  async set(name: string, value: string): Promise<void> {
    const keytar = await this.require();
    try {
      await this.withTimeout(keytar.setPassword(this.service, name, value));
      await this.updateIndex(keytar, (names) => names.add(name));
    } catch (error) {
      // The message names the secret, never its value.
      throw new ApiError('unavailable', `The keychain did not store ${name}: ${describe(error)}`);
    }
  }

  async delete(name: string): Promise<void> {
    const keytar = await this.require();
    try {
      await this.withTimeout(keytar.deletePassword(this.service, name));
      await this.updateIndex(keytar, (names) => names.delete(name));
    } catch (error) {
      throw new ApiError('unavailable', `The keychain did not delete ${name}: ${describe(error)}`);
    }
  }

  /**
   * The names entry, sorted. A keychain written before the entry existed (or with a damaged one)
   * is listed once the old way, which reads every value, and the entry written anew.
   */
  private async readIndex(keytar: KeytarApi): Promise<string[]> {
    const stored = await this.withTimeout(keytar.getPassword(this.service, NAMES_ACCOUNT));
    const indexed = stored === null ? null : parseNames(stored);
    if (indexed !== null) return indexed;
    const found = await this.withTimeout(keytar.findCredentials(this.service));
    const names = [...new Set(found.map((entry) => entry.account))]
      .filter((account) => account !== NAMES_ACCOUNT)
      .sort();
    await this.withTimeout(keytar.setPassword(this.service, NAMES_ACCOUNT, JSON.stringify(names)));
    return names;
  }

  private updateIndex(keytar: KeytarApi, change: (names: Set<string>) => void): Promise<void> {
    const next = this.indexQueue.then(async () => {
      const names = new Set(await this.readIndex(keytar));
      change(names);
      const list = JSON.stringify([...names].sort());
      await this.withTimeout(keytar.setPassword(this.service, NAMES_ACCOUNT, list));
    });
    this.indexQueue = next.catch(() => undefined);
    return next;
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

function parseNames(stored: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed)
      ? parsed.filter((name): name is string => typeof name === 'string').sort()
      : null;
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().replace(/\.$/, '') || 'unknown error';
}
