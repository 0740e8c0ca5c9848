// secrets.*: names and availability for the API, values only for a session's environment.
import type { SecretsState } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import type { SecretStore } from './secrets';

export class SecretService {
  constructor(private readonly store: SecretStore) {}

  async state(): Promise<SecretsState> {
    const { available, reason } = await this.store.availability();
    const names = available ? await this.store.names() : [];
    return { available, reason, secrets: names.sort().map((name) => ({ name })) };
  }

  async set(name: string, value: string): Promise<SecretsState> {
    const { available, reason } = await this.store.availability();
    if (!available)
      throw new ApiError('unavailable', reason ?? 'No keychain is available; nothing was stored.');
    await this.store.set(name, value);
    return this.state();
  }

  async delete(name: string): Promise<SecretsState> {
    const { available } = await this.store.availability();
    if (available) await this.store.delete(name);
    return this.state();
  }

  /** Every stored secret's value by name: what each run's records are redacted of. */
  async allValues(): Promise<Record<string, string>> {
    const { available } = await this.store.availability();
    return available ? this.envFor(await this.store.names()) : {};
  }

  /** Values of the named secrets that exist, keyed by name (= environment variable). */
  async envFor(names: readonly string[]): Promise<Record<string, string>> {
    const { available } = await this.store.availability();
    if (!available) return {};
    const env: Record<string, string> = {};
    for (const name of new Set(names)) {
      const value = await this.store.get(name);
      if (value !== null) env[name] = value;
    }
    return env;
  }
}
