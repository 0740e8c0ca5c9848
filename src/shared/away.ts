// Away channels (reaching the person away from the desk): their settings, their state as the
// panel shows it, and what was sent where for each request.

/** What a channel can announce; each is on or off per channel. */
export const AWAY_EVENTS = ['needsYou', 'finished', 'failed', 'parked', 'budget'] as const;
export type AwayEvent = (typeof AWAY_EVENTS)[number];

export const AWAY_EVENT_LABELS: Record<AwayEvent, string> = {
  needsYou: 'Needs you (requests, questions, plans)',
  finished: 'Run finished',
  failed: 'Run failed',
  parked: 'Parked at the plan limit, and resumed',
  budget: 'Budget reached',
};

export const DEFAULT_TELEGRAM_API_URL = 'https://api.telegram.org';
export const DEFAULT_NTFY_URL = 'https://ntfy.sh';

/** The channels a request or an announcement can go to. */
export type AwayChannelName = 'telegram' | 'ntfy' | 'webhook';

/** Local clock times, "HH:MM"; `from` after `to` spans midnight. */
export interface QuietHours {
  from: string;
  to: string;
}

export interface AwaySettings {
  /** The Bot API server: the public one, or a self-hosted telegram-bot-api. */
  telegramApiUrl: string;
  telegramEvents: Record<AwayEvent, boolean>;
  /** Messages wait until these hours end; null: none. */
  telegramQuietHours: QuietHours | null;
  /** The ntfy server: ntfy.sh or a self-hosted one. */
  ntfyUrl: string;
  ntfyEvents: Record<AwayEvent, boolean>;
  ntfyQuietHours: QuietHours | null;
  /** Where the outbound webhook POSTs its JSON; null: no webhook. */
  webhookUrl: string | null;
  webhookEvents: Record<AwayEvent, boolean>;
  /** Where the person reaches the panel from the phone (their VPN or tunnel); null: no link. */
  panelUrl: string | null;
}

export interface TelegramState {
  /** Where the bot token comes from; null: none set (the channel is off). */
  tokenSource: 'keychain' | 'environment' | null;
  apiUrl: string;
  /** The chat that may decide, or null. */
  paired: {
    chat: string;
    name: string | null;
    at: number | null;
    /** Set by SWITCHBOARD_TELEGRAM_CHAT_ID: revoked by unsetting it, not from the panel. */
    fromEnvironment: boolean;
  } | null;
  /** While pairing: the code to send as `/start <code>`, and until when it works. */
  pairing: { code: string; expiresAt: number } | null;
  /** Messages still to go. */
  queued: number;
  lastError: string | null;
  lastErrorAt: number | null;
  lastSentAt: number | null;
}

/** Where a channel's queue stands: Settings shows it. */
export interface ChannelDeliveryState {
  /** Messages still to go. */
  queued: number;
  lastError: string | null;
  lastErrorAt: number | null;
  lastSentAt: number | null;
}

export interface NtfyState extends ChannelDeliveryState {
  url: string;
  /** Where the access token comes from; null: none (the server allows anonymous use). */
  tokenSource: 'keychain' | 'environment' | null;
  /** The topic the phone subscribes to and the topic its buttons publish to; null: off. */
  topics: {
    topic: string;
    replyTopic: string;
    /** When they were made in the panel; null when they come from the environment. */
    at: number | null;
    /** Set by SWITCHBOARD_NTFY_TOPIC and SWITCHBOARD_NTFY_REPLY_TOPIC. */
    fromEnvironment: boolean;
  } | null;
}

export interface WebhookState extends ChannelDeliveryState {
  url: string | null;
  /** Where the signing secret comes from; null: none yet (nothing is sent without one). */
  secretSource: 'keychain' | 'environment' | null;
}

export interface AwayRefusal {
  at: number;
  channel: AwayChannelName;
  /** The chat or topic it came from. */
  chat: string;
  detail: string;
}

export interface AwayState {
  telegram: TelegramState;
  ntfy: NtfyState;
  webhook: WebhookState;
  /** Recent decisions refused (another chat, a second press, an already decided request). */
  refusals: AwayRefusal[];
}

/** For the inbox: where a request was sent, and whether it was decided from the phone. */
export interface AwayDelivery {
  approvalId: string;
  channel: AwayChannelName;
  /** When it reached the channel; null while queued or when it never went. */
  sentAt: number | null;
  queued: boolean;
  /** Why it was not sent (decided before it went, pairing revoked), else null. */
  notSent: string | null;
  /** When the decision came from this channel, else null. */
  decidedAt: number | null;
}
