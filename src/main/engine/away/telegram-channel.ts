// The Telegram channel: long-polls getUpdates (outbound only), pairs a chat by a one-time code
// (`/start <code>`), takes decisions from button presses of the paired chat only, each on a
// single-use token bound to that chat and request, and delivers the outbox's messages.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Approval } from '../../../shared/domain';
import type { MethodParams } from '../../../shared/contract';
import type { Store } from '../store';
import type { OutboxItem } from '../store/away-store';
import { Undeliverable, type ChannelDelivery } from './outbox-worker';
import {
  TelegramApi,
  TelegramError,
  type FetchFunction,
  type InlineKeyboard,
  type TelegramCallbackQuery,
  type TelegramMessage,
  type TelegramUpdate,
} from './telegram-api';
import { decideFromToken } from './away-decisions';
import { RestartableLoop } from './restartable-loop';

export const TELEGRAM = 'telegram';
const PAIRING_MS = 10 * 60_000;

export interface TelegramConfig {
  token: string | null;
  apiUrl: string;
  /** SWITCHBOARD_TELEGRAM_CHAT_ID: the paired chat, set outside the panel. */
  environmentChat: string | null;
}

export interface TelegramTimings {
  /** getUpdates' long-poll wait, in seconds. */
  pollSeconds: number;
  /** The wait before polling again after a failed poll. */
  pollRetryMs: number;
}

export const DEFAULT_TELEGRAM_TIMINGS: TelegramTimings = { pollSeconds: 25, pollRetryMs: 5_000 };

interface TelegramChannelDeps {
  store: Store;
  clock: () => number;
  config: () => TelegramConfig;
  decide: (params: MethodParams<'approvals.decide'>) => Approval;
  /** Something to send to the paired chat (a confirmation of pairing); queued like the rest. */
  enqueue: (chat: string, text: string) => void;
  onChange: () => void;
  timings: TelegramTimings;
  fetch?: FetchFunction;
}

export class TelegramChannel implements ChannelDelivery {
  private pairingCode: { code: string; expiresAt: number } | null = null;
  private readonly listening = new RestartableLoop((signal) => this.poll(signal));

  constructor(private readonly deps: TelegramChannelDeps) {}

  /** The chat that may decide: the environment's, or the one paired in the panel. */
  pairedChat(): string | null {
    return this.deps.config().environmentChat ?? this.deps.store.away.channel(TELEGRAM).pairedChat;
  }

  ready(): boolean {
    return this.deps.config().token !== null && this.pairedChat() !== null;
  }

  pairing(): { code: string; expiresAt: number } | null {
    const pairing = this.pairingCode;
    return pairing && pairing.expiresAt > this.deps.clock() ? pairing : null;
  }

  startPairing(): { code: string; expiresAt: number } {
    // Eight characters without look-alikes, easy to type on a phone.
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const bytes = randomBytes(8);
    const code = [...bytes].map((byte) => alphabet[byte % alphabet.length]).join('');
    this.pairingCode = { code, expiresAt: this.deps.clock() + PAIRING_MS };
    return this.pairingCode;
  }

  revoke(): void {
    this.pairingCode = null;
    this.deps.store.away.updateChannel(TELEGRAM, {
      pairedChat: null,
      pairedName: null,
      pairedAt: null,
    });
  }

  /** (Re)starts polling with the current token and address; stops it when there is no token. */
  restart(): void {
    this.listening.restart();
  }

  stop(): Promise<void> {
    return this.listening.stop();
  }

  async deliver(item: OutboxItem, signal?: AbortSignal): Promise<string | null> {
    const api = this.api();
    if (!api) throw new Error('No bot token.');
    const chat = typeof item.payload.chat === 'string' ? item.payload.chat : null;
    const text = typeof item.payload.text === 'string' ? item.payload.text : '';
    // Never to a chat that is no longer the paired one.
    if (chat === null || chat !== this.pairedChat()) {
      throw new Undeliverable('The chat it was meant for is no longer paired.');
    }
    if (item.kind === 'send') {
      const keyboard = (item.payload.keyboard as InlineKeyboard | undefined) ?? null;
      const message = await api.sendMessage(chat, text, keyboard, signal);
      return String(message.message_id);
    }
    const sendId = typeof item.payload.sendId === 'number' ? item.payload.sendId : -1;
    const sent = this.deps.store.away.get(sendId);
    if (!sent?.remoteRef) throw new Undeliverable('The message to update was never sent.');
    try {
      await api.editMessageText(chat, Number(sent.remoteRef), text, signal);
    } catch (error) {
      // Already says this (a second edit after a restart): nothing left to do.
      if (error instanceof TelegramError && /not modified/i.test(error.message)) return null;
      if (error instanceof TelegramError && error.status === 400) {
        throw new Undeliverable(error.message);
      }
      throw error;
    }
    return null;
  }

  private api(): TelegramApi | null {
    const { token, apiUrl } = this.deps.config();
    return token ? new TelegramApi({ apiUrl, token, fetch: this.deps.fetch }) : null;
  }

  private async poll(signal: AbortSignal): Promise<void> {
    const { store, timings } = this.deps;
    // A function, not the property: it changes while this loop awaits.
    const aborted = () => signal.aborted;
    while (!aborted()) {
      const api = this.api();
      if (!api) return;
      try {
        const offset = store.away.channel(TELEGRAM).updateOffset;
        const updates = await api.getUpdates(offset, timings.pollSeconds, signal);
        for (const update of updates) {
          if (aborted()) return;
          await this.handle(api, update);
          store.away.updateChannel(TELEGRAM, { updateOffset: update.update_id + 1 });
        }
      } catch (error) {
        if (aborted()) return;
        const message = error instanceof Error ? error.message : String(error);
        store.away.updateChannel(TELEGRAM, { lastError: message, lastErrorAt: this.deps.clock() });
        this.deps.onChange();
        await sleep(timings.pollRetryMs, signal);
      }
    }
  }

  private async handle(api: TelegramApi, update: TelegramUpdate): Promise<void> {
    if (update.callback_query) await this.onButton(api, update.callback_query);
    else if (update.message) this.onMessage(update.message);
  }

  private onMessage(message: TelegramMessage): void {
    if (message.reply_to_message) {
      this.onReply(message, message.reply_to_message);
      return;
    }
    const start = /^\/start(?:@\w+)?\s+(\S+)/.exec(message.text ?? '');
    if (!start) return;
    const chat = String(message.chat.id);
    const pairing = this.pairing();
    if (
      this.deps.config().environmentChat !== null ||
      !pairing ||
      !sameCode(start[1] ?? '', pairing.code)
    ) {
      this.refuse(
        chat,
        null,
        'A pairing code that was not the one shown (or pairing was not open).',
      );
      return;
    }
    this.pairingCode = null;
    const name = message.chat.username ?? message.chat.first_name ?? message.chat.title ?? null;
    this.deps.store.away.updateChannel(TELEGRAM, {
      pairedChat: chat,
      pairedName: name,
      pairedAt: this.deps.clock(),
    });
    this.deps.enqueue(chat, 'Paired with Switchboard. Requests that need you arrive here.');
    this.deps.onChange();
  }

  private async onButton(api: TelegramApi, query: TelegramCallbackQuery): Promise<void> {
    const chat = query.message ? String(query.message.chat.id) : `user ${query.from.id}`;
    const answer = (text: string) =>
      api.answerCallbackQuery(query.id, text).catch((error: unknown) => {
        console.warn('[away] answerCallbackQuery failed:', String(error));
      });
    const outcome = decideFromToken(this.deps, {
      channel: TELEGRAM,
      source: chat,
      current: this.pairedChat(),
      data: query.data ?? '',
    });
    if (outcome.ok) {
      this.deps.store.away.logDecision({
        channel: TELEGRAM,
        chat,
        approvalId: outcome.approvalId,
        outcome: 'decided',
        detail: outcome.detail,
        at: this.deps.clock(),
      });
      await answer(outcome.detail);
    } else {
      this.refuse(chat, outcome.approvalId, outcome.detail);
      await answer(`Not accepted: ${outcome.detail}`);
    }
    this.deps.onChange();
  }

  /** A reply to a question's message: its words (or option numbers) answer it. */
  private onReply(message: TelegramMessage, repliedTo: TelegramMessage): void {
    const { store, clock } = this.deps;
    const chat = String(message.chat.id);
    const sent = store.away.sentAs(TELEGRAM, String(repliedTo.message_id));
    const token = sent?.approvalId ? store.away.tokenOf(sent.approvalId, TELEGRAM) : undefined;
    // A reply to anything else (a run's end, the pairing note) is conversation, not a decision.
    if (!token) return;
    const outcome = decideFromToken(this.deps, {
      channel: TELEGRAM,
      source: chat,
      current: this.pairedChat(),
      data: { token: token.token, action: { kind: 'reply', text: message.text ?? '' } },
    });
    if (outcome.ok) {
      store.away.logDecision({
        channel: TELEGRAM,
        chat,
        approvalId: outcome.approvalId,
        outcome: 'decided',
        detail: outcome.detail,
        at: clock(),
      });
    } else {
      this.refuse(chat, outcome.approvalId, outcome.detail);
      // Said only to the paired chat: a stranger learns nothing about the request.
      if (chat === this.pairedChat()) this.deps.enqueue(chat, `Not accepted: ${outcome.detail}`);
    }
    this.deps.onChange();
  }

  private refuse(chat: string, approvalId: string | null, detail: string): void {
    console.warn(`[away] telegram: refused from chat ${chat}: ${detail}`);
    this.deps.store.away.logDecision({
      channel: TELEGRAM,
      chat,
      approvalId,
      outcome: 'refused',
      detail,
      at: this.deps.clock(),
    });
  }
}

function sameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given.toUpperCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
