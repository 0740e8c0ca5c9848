// Reaching the person away from the desk: turns what needs them (requests, questions, plans) and
// what they chose to hear about (a run's end, a failure, a parked run, a budget) into queued
// messages for each channel, updates a sent request once it is decided, and answers away.*.
import { randomBytes } from 'node:crypto';
import type { PushEvent } from '../../../shared/contract';
import type { MethodParams } from '../../../shared/contract';
import type { AwayDelivery, AwayEvent, AwayState } from '../../../shared/away';
import type { Approval, Run, Settings } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import type { EventBus } from '../event-bus';
import type { SecretService } from '../secrets/secret-service';
import type { Store } from '../store';
import { OutboxWorker, type OutboxTimings } from './outbox-worker';
import { quietUntil } from './quiet-hours';
import { TELEGRAM, TelegramChannel, type TelegramTimings } from './telegram-channel';
import type { FetchFunction } from './telegram-api';
import {
  decidedMessage,
  requestMessage,
  runMessage,
  type RunAnnouncement,
} from './telegram-messages';

/** The keychain entry of the bot token (and the environment variable that overrides it). */
export const TELEGRAM_TOKEN_NAME = 'SWITCHBOARD_TELEGRAM_BOT_TOKEN';
export const TELEGRAM_API_URL_VARIABLE = 'SWITCHBOARD_TELEGRAM_API_URL';
export const TELEGRAM_CHAT_VARIABLE = 'SWITCHBOARD_TELEGRAM_CHAT_ID';
/** The engine's own configuration: never passed on to Claude Code sessions. */
export const AWAY_VARIABLES = [
  TELEGRAM_TOKEN_NAME,
  TELEGRAM_API_URL_VARIABLE,
  TELEGRAM_CHAT_VARIABLE,
];

export interface AwayTimings extends OutboxTimings, TelegramTimings {}

interface AwayServiceDeps {
  store: Store;
  bus: EventBus;
  clock: () => number;
  settings: () => Settings;
  secrets: SecretService;
  env: Readonly<Record<string, string | undefined>>;
  decide: (params: MethodParams<'approvals.decide'>) => Approval;
  timings: AwayTimings;
  fetch?: FetchFunction;
}

export class AwayService {
  private keychainToken: string | null = null;
  private readonly telegram: TelegramChannel;
  private readonly worker: OutboxWorker;
  /** What each run was when last seen, to announce changes once. */
  private readonly lastSeen = new Map<
    string,
    { status: Run['status']; parked: boolean; held: string | null }
  >();

  constructor(private readonly deps: AwayServiceDeps) {
    this.telegram = new TelegramChannel({
      store: deps.store,
      clock: deps.clock,
      config: () => this.telegramConfig(),
      decide: deps.decide,
      enqueue: (chat, text) => this.enqueue(chat, { text }, { approvalId: null, runId: null }),
      onChange: () => this.changed(),
      timings: deps.timings,
      fetch: deps.fetch,
    });
    this.worker = new OutboxWorker({
      store: deps.store.away,
      channels: new Map([[TELEGRAM, this.telegram]]),
      clock: deps.clock,
      timings: deps.timings,
      onChange: () => this.changed(),
    });
  }

  async start(): Promise<void> {
    this.keychainToken = await this.readKeychainToken();
    this.telegram.restart();
    this.worker.kick();
  }

  async stop(): Promise<void> {
    await this.telegram.stop();
    await this.worker.stop();
  }

  onEvent(event: PushEvent): void {
    if (event.type === 'approval.updated') this.onApproval(event.payload);
    else if (event.type === 'run.updated') this.onRun(event.payload);
    else if (event.type === 'settings.updated') this.telegram.restart();
  }

  state(): AwayState {
    const { store, clock } = this.deps;
    const config = this.telegramConfig();
    const record = store.away.channel(TELEGRAM);
    const chat = this.telegram.pairedChat();
    const environmentChat = config.environmentChat !== null;
    return {
      telegram: {
        tokenSource: this.deps.env[TELEGRAM_TOKEN_NAME]
          ? 'environment'
          : this.keychainToken
            ? 'keychain'
            : null,
        apiUrl: config.apiUrl,
        paired: chat
          ? {
              chat,
              name: environmentChat ? null : record.pairedName,
              at: environmentChat ? null : record.pairedAt,
              fromEnvironment: environmentChat,
            }
          : null,
        pairing: this.telegram.pairing(),
        queued: store.away.queued(TELEGRAM).length,
        lastError: record.lastError,
        lastErrorAt: record.lastErrorAt,
        lastSentAt: record.lastSentAt,
      },
      refusals: store.away
        .decisions({ limit: 50 })
        .filter(
          (decision) => decision.outcome === 'refused' && decision.at > clock() - 7 * 86_400_000,
        )
        .slice(0, 10)
        .map((decision) => ({ at: decision.at, chat: decision.chat, detail: decision.detail })),
    };
  }

  async setTelegramToken(token: string): Promise<AwayState> {
    await this.deps.secrets.set(TELEGRAM_TOKEN_NAME, token);
    this.keychainToken = token;
    this.telegram.restart();
    this.worker.kick();
    return this.changed();
  }

  async forgetTelegramToken(): Promise<AwayState> {
    await this.deps.secrets.delete(TELEGRAM_TOKEN_NAME);
    this.keychainToken = null;
    this.telegram.restart();
    return this.changed();
  }

  startPairing(): AwayState {
    if (this.telegramConfig().environmentChat !== null) {
      throw new ApiError(
        'conflict',
        `${TELEGRAM_CHAT_VARIABLE} names the paired chat; unset it to pair another in the panel.`,
      );
    }
    if (this.telegramConfig().token === null) {
      throw new ApiError('conflict', 'Add the bot token first.');
    }
    this.telegram.startPairing();
    return this.changed();
  }

  revokePairing(): AwayState {
    if (this.telegramConfig().environmentChat !== null) {
      throw new ApiError(
        'conflict',
        `${TELEGRAM_CHAT_VARIABLE} names the paired chat; unset it and restart to revoke.`,
      );
    }
    this.telegram.revoke();
    this.deps.store.away.dropQueued(
      TELEGRAM,
      this.deps.clock(),
      'The pairing was revoked before it went.',
    );
    return this.changed();
  }

  deliveries(approvalIds: readonly string[]): AwayDelivery[] {
    const { store } = this.deps;
    const decided = new Map(
      store.away
        .decisions({ approvalIds })
        .filter((decision) => decision.outcome === 'decided' && decision.approvalId !== null)
        .map((decision) => [decision.approvalId ?? '', decision.at]),
    );
    return store.away
      .forApprovals(approvalIds)
      .filter((item) => item.kind === 'send' && item.approvalId !== null)
      .map((item) => ({
        approvalId: item.approvalId ?? '',
        channel: 'telegram' as const,
        sentAt: item.sentAt,
        queued: item.sentAt === null && item.droppedAt === null,
        notSent: item.droppedAt !== null ? item.lastError : null,
        decidedAt: decided.get(item.approvalId ?? '') ?? null,
      }));
  }

  private onApproval(approval: Approval): void {
    const { store, clock } = this.deps;
    const chat = this.telegram.pairedChat();
    const items = store.away
      .forApprovals([approval.id])
      .filter((item) => item.channel === TELEGRAM);
    const send = items.find((item) => item.kind === 'send');
    if (approval.status === 'pending') {
      if (send || !chat || !this.wants('needsYou') || this.telegramConfig().token === null) return;
      const token = randomBytes(16).toString('base64url');
      store.away.addToken({
        token,
        approvalId: approval.id,
        channel: TELEGRAM,
        chat,
        createdAt: clock(),
      });
      const message = requestMessage(approval, {
        token,
        panelUrl: this.deps.settings().away.panelUrl,
      });
      this.enqueue(
        chat,
        { text: message.text, keyboard: message.keyboard },
        {
          approvalId: approval.id,
          runId: approval.runId,
        },
      );
      return;
    }
    if (!send || items.some((item) => item.kind === 'edit')) return;
    if (send.sentAt === null) {
      if (send.droppedAt === null) {
        store.away.drop(send.id, clock(), 'Decided before it was sent.');
        this.changed();
      }
      return;
    }
    // The token is spent before the decision is made, so this holds while it is being made.
    const fromPhone = store.away.decidedByToken(approval.id);
    const text = decidedMessage(approval, { fromPhone, at: approval.decidedAt ?? clock() });
    const target = typeof send.payload.chat === 'string' ? send.payload.chat : null;
    if (target === null) return;
    // Edits are not held by quiet hours: they quiet a message already there.
    store.away.enqueue({
      channel: TELEGRAM,
      kind: 'edit',
      approvalId: approval.id,
      runId: approval.runId,
      payload: { chat: target, sendId: send.id, text },
      at: clock(),
    });
    this.worker.kick();
  }

  private onRun(run: Run): void {
    const before = this.lastSeen.get(run.id);
    const now = { status: run.status, parked: run.parkedUntil !== null, held: run.heldReason };
    this.lastSeen.delete(run.id);
    this.lastSeen.set(run.id, now);
    // Bounded: the oldest entries (insertion order) are runs long over.
    if (this.lastSeen.size > 2_000) {
      const oldest = this.lastSeen.keys().next().value;
      if (oldest !== undefined) this.lastSeen.delete(oldest);
    }
    const announce = (kind: RunAnnouncement, event: AwayEvent) => {
      const chat = this.telegram.pairedChat();
      if (!chat || !this.wants(event) || this.telegramConfig().token === null) return;
      const text = runMessage(kind, run, this.deps.settings().away.panelUrl);
      this.enqueue(chat, { text }, { approvalId: null, runId: run.id });
    };
    const changedStatus = before?.status !== run.status;
    if (changedStatus && run.status === 'succeeded') announce('finished', 'finished');
    if (changedStatus && run.status === 'failed') announce('failed', 'failed');
    if (changedStatus && run.status === 'interrupted' && /budget/i.test(run.error ?? '')) {
      announce('budget', 'budget');
    }
    if (now.held !== (before?.held ?? null) && /budget of/i.test(run.heldReason ?? '')) {
      announce('budget', 'budget');
    }
    if (now.parked && !(before?.parked ?? false)) announce('parked', 'parked');
    if (!now.parked && before?.parked && run.status === 'running') announce('resumed', 'parked');
  }

  private enqueue(
    chat: string,
    payload: Record<string, unknown>,
    about: { approvalId: string | null; runId: string | null },
  ): void {
    const { store, clock } = this.deps;
    const notBefore = quietUntil(clock(), this.deps.settings().away.telegramQuietHours);
    store.away.enqueue({
      channel: TELEGRAM,
      kind: 'send',
      ...about,
      payload: { chat, ...payload },
      at: clock(),
      ...(notBefore !== null ? { notBefore } : {}),
    });
    this.worker.kick();
    this.changed();
  }

  private wants(event: AwayEvent): boolean {
    return this.deps.settings().away.telegramEvents[event];
  }

  private telegramConfig() {
    const env = this.deps.env;
    const apiUrl =
      env[TELEGRAM_API_URL_VARIABLE]?.trim() || this.deps.settings().away.telegramApiUrl;
    return {
      token: env[TELEGRAM_TOKEN_NAME]?.trim() || this.keychainToken,
      apiUrl,
      environmentChat: env[TELEGRAM_CHAT_VARIABLE]?.trim() || null,
    };
  }

  private async readKeychainToken(): Promise<string | null> {
    try {
      const found = await this.deps.secrets.envFor([TELEGRAM_TOKEN_NAME]);
      return found[TELEGRAM_TOKEN_NAME] ?? null;
    } catch (error) {
      console.warn('[away] could not read the bot token from the keychain:', String(error));
      return null;
    }
  }

  private changed(): AwayState {
    const state = this.state();
    this.deps.bus.emit('away.updated', state);
    return state;
  }
}
