// Where each away channel's configuration comes from: Settings → Away, the keychain (the bot
// token, the ntfy access token, the webhook's signing secret) and, for headless servers, the
// environment, which overrides both.
import type { Settings } from '../../../shared/domain';
import type { SecretService } from '../secrets/secret-service';
import type { Store } from '../store';
import type { NtfyConfig } from './ntfy-channel';
import { NTFY } from './ntfy-channel';
import type { TelegramConfig } from './telegram-channel';
import type { WebhookConfig } from './webhook-channel';

/** The keychain entry of the bot token (and the environment variable that overrides it). */
export const TELEGRAM_TOKEN_NAME = 'SWITCHBOARD_TELEGRAM_BOT_TOKEN';
export const TELEGRAM_API_URL_VARIABLE = 'SWITCHBOARD_TELEGRAM_API_URL';
export const TELEGRAM_CHAT_VARIABLE = 'SWITCHBOARD_TELEGRAM_CHAT_ID';
/** The keychain entry of the ntfy access token (and its variable). */
export const NTFY_TOKEN_NAME = 'SWITCHBOARD_NTFY_TOKEN';
export const NTFY_URL_VARIABLE = 'SWITCHBOARD_NTFY_URL';
export const NTFY_TOPIC_VARIABLE = 'SWITCHBOARD_NTFY_TOPIC';
export const NTFY_REPLY_TOPIC_VARIABLE = 'SWITCHBOARD_NTFY_REPLY_TOPIC';
/** The keychain entry of the webhook's signing secret (and its variable). */
export const WEBHOOK_SECRET_NAME = 'SWITCHBOARD_WEBHOOK_SECRET';
export const WEBHOOK_URL_VARIABLE = 'SWITCHBOARD_WEBHOOK_URL';

/** The engine's own configuration: never passed on to Claude Code sessions. */
export const AWAY_VARIABLES = [
  TELEGRAM_TOKEN_NAME,
  TELEGRAM_API_URL_VARIABLE,
  TELEGRAM_CHAT_VARIABLE,
  NTFY_TOKEN_NAME,
  NTFY_URL_VARIABLE,
  NTFY_TOPIC_VARIABLE,
  NTFY_REPLY_TOPIC_VARIABLE,
  WEBHOOK_SECRET_NAME,
  WEBHOOK_URL_VARIABLE,
];

const KEYCHAIN_NAMES = [TELEGRAM_TOKEN_NAME, NTFY_TOKEN_NAME, WEBHOOK_SECRET_NAME] as const;
export type KeychainName = (typeof KEYCHAIN_NAMES)[number];

export class AwayConfig {
  /** What the keychain holds for each name, read at start and kept current by set/forget. */
  private readonly keychain = new Map<KeychainName, string>();

  constructor(
    private readonly deps: {
      store: Store;
      settings: () => Settings;
      secrets: SecretService;
      env: Readonly<Record<string, string | undefined>>;
    },
  ) {}

  async load(): Promise<void> {
    try {
      const found = await this.deps.secrets.envFor([...KEYCHAIN_NAMES]);
      for (const name of KEYCHAIN_NAMES) {
        const value = found[name];
        if (value) this.keychain.set(name, value);
      }
    } catch (error) {
      console.warn('[away] could not read the channels’ secrets from the keychain:', String(error));
    }
  }

  async setSecret(name: KeychainName, value: string): Promise<void> {
    await this.deps.secrets.set(name, value);
    this.keychain.set(name, value);
  }

  async forgetSecret(name: KeychainName): Promise<void> {
    await this.deps.secrets.delete(name);
    this.keychain.delete(name);
  }

  /** Where a secret comes from: the environment wins over the keychain. */
  source(name: KeychainName): 'environment' | 'keychain' | null {
    if (this.variable(name)) return 'environment';
    return this.keychain.has(name) ? 'keychain' : null;
  }

  telegram(): TelegramConfig {
    return {
      token: this.secret(TELEGRAM_TOKEN_NAME),
      apiUrl: this.variable(TELEGRAM_API_URL_VARIABLE) ?? this.deps.settings().away.telegramApiUrl,
      environmentChat: this.variable(TELEGRAM_CHAT_VARIABLE),
    };
  }

  /** The topics made in the panel are kept as the channel's "pairing": reply topic, topic. */
  ntfy(): NtfyConfig & { fromEnvironment: boolean; at: number | null } {
    const url = this.variable(NTFY_URL_VARIABLE) ?? this.deps.settings().away.ntfyUrl;
    const token = this.secret(NTFY_TOKEN_NAME);
    const topic = this.variable(NTFY_TOPIC_VARIABLE);
    const replyTopic = this.variable(NTFY_REPLY_TOPIC_VARIABLE);
    if (topic !== null && replyTopic !== null) {
      return { url, token, topic, replyTopic, fromEnvironment: true, at: null };
    }
    const record = this.deps.store.away.channel(NTFY);
    return {
      url,
      token,
      topic: record.pairedChat !== null ? record.pairedName : null,
      replyTopic: record.pairedChat,
      fromEnvironment: false,
      at: record.pairedAt,
    };
  }

  webhook(): WebhookConfig {
    return {
      url: this.variable(WEBHOOK_URL_VARIABLE) ?? this.deps.settings().away.webhookUrl,
      secret: this.secret(WEBHOOK_SECRET_NAME),
    };
  }

  private secret(name: KeychainName): string | null {
    return this.variable(name) ?? this.keychain.get(name) ?? null;
  }

  private variable(name: string): string | null {
    return this.deps.env[name]?.trim() || null;
  }
}
