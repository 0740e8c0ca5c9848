// The secret store interface: the OS keychain in practice. Values never leave it except into a
// Claude Code child's environment; the API only ever shows names.

export interface SecretStore {
  /** Whether secrets can be kept here, and if not, a sentence saying why. */
  availability(): Promise<{ available: boolean; reason: string | null }>;
  names(): Promise<string[]>;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Secrets that authenticate Claude Code itself; passed as these environment variables. */
export const AUTH_SECRET_NAMES = ['ANTHROPIC_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN'] as const;

/** A store with nowhere to keep secrets: says so, and stores nothing. */
export class UnavailableSecretStore implements SecretStore {
  constructor(private readonly reason: string) {}
  availability(): Promise<{ available: boolean; reason: string | null }> {
    return Promise.resolve({ available: false, reason: this.reason });
  }
  names(): Promise<string[]> {
    return Promise.resolve([]);
  }
  get(): Promise<string | null> {
    return Promise.resolve(null);
  }
  set(): Promise<void> {
    return Promise.reject(new Error(this.reason));
  }
  delete(): Promise<void> {
    return Promise.resolve();
  }
}
