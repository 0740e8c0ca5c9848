// Reaching the person away from the desk: turns what needs them (requests, questions, plans) and
// what they chose to hear about (a run's end, a failure, a parked run, a budget) into queued
// messages for each channel (Telegram, ntfy, the webhook), updates a sent request once it is
// decided, and answers away.*.
import { randomBytes } from 'node:crypto';
import type { PushEvent } from '../../../shared/contract';
import type { MethodParams } from '../../../shared/contract';
import type {
  AwayChannelName,
  AwayDelivery,
  AwayState,
  ChannelDeliveryState,
} from '../../../shared/away';
import type { Approval, Settings } from '../../../shared/domain';
import { ApiError } from '../../../shared/errors';
import type { EventBus } from '../event-bus';
import type { SecretService } from '../secrets/secret-service';
import type { Store } from '../store';
import {
  AwayConfig,
  NTFY_TOKEN_NAME,
  NTFY_TOPIC_VARIABLE,
  TELEGRAM_CHAT_VARIABLE,
  TELEGRAM_TOKEN_NAME,
  WEBHOOK_SECRET_NAME,
} from './away-config';
import { NTFY, NtfyChannel, type NtfyTimings } from './ntfy-channel';
import { OutboxWorker, type OutboxTimings } from './outbox-worker';
import { AwayAnnouncer, type Outlet } from './away-announcer';
import { TELEGRAM, TelegramChannel, type TelegramTimings } from './telegram-channel';
import type { FetchFunction } from './telegram-api';
import { WEBHOOK, WebhookChannel } from './webhook-channel';

export { AWAY_VARIABLES } from './away-config';

export interface AwayTimings extends OutboxTimings, TelegramTimings, NtfyTimings {}

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
  private readonly config: AwayConfig;
  private readonly telegram: TelegramChannel;
  private readonly ntfy: NtfyChannel;
  private readonly webhook: WebhookChannel;
  private readonly worker: OutboxWorker;
  private readonly announcer: AwayAnnouncer;

  constructor(private readonly deps: AwayServiceDeps) {
    this.config = new AwayConfig(deps);
    this.telegram = new TelegramChannel({
      store: deps.store,
      clock: deps.clock,
      config: () => this.config.telegram(),
      decide: deps.decide,
      enqueue: (chat, text) =>
        this.announcer.enqueue(TELEGRAM, chat, { text }, { approvalId: null, runId: null }),
      onChange: () => this.changed(),
      timings: deps.timings,
      fetch: deps.fetch,
    });
    this.ntfy = new NtfyChannel({
      store: deps.store,
      clock: deps.clock,
      config: () => this.config.ntfy(),
      decide: deps.decide,
      onChange: () => this.changed(),
      timings: deps.timings,
      fetch: deps.fetch,
    });
    this.webhook = new WebhookChannel({ config: () => this.config.webhook(), fetch: deps.fetch });
    const telegramOn = () =>
      this.config.telegram().token !== null ? this.telegram.pairedChat() : null;
    const outlets: Outlet[] = [
      {
        name: TELEGRAM,
        delivery: this.telegram,
        target: telegramOn,
        decides: true,
        replies: true,
        events: (settings) => settings.away.telegramEvents,
        quietHours: (settings) => settings.away.telegramQuietHours,
      },
      {
        name: NTFY,
        delivery: this.ntfy,
        target: () => this.ntfy.pairedChat(),
        decides: true,
        replies: false,
        events: (settings) => settings.away.ntfyEvents,
        quietHours: (settings) => settings.away.ntfyQuietHours,
      },
      {
        name: WEBHOOK,
        delivery: this.webhook,
        target: () => this.webhook.target(),
        decides: false,
        replies: false,
        events: (settings) => settings.away.webhookEvents,
        quietHours: () => null,
      },
    ];
    this.worker = new OutboxWorker({
      store: deps.store.away,
      channels: new Map(outlets.map((outlet) => [outlet.name, outlet.delivery])),
      clock: deps.clock,
      timings: deps.timings,
      onChange: () => this.changed(),
    });
    this.announcer = new AwayAnnouncer({
      store: deps.store,
      clock: deps.clock,
      settings: deps.settings,
      outlets,
      kick: () => this.worker.kick(),
      changed: () => this.changed(),
    });
  }

  async start(): Promise<void> {
    await this.config.load();
    this.telegram.restart();
    this.ntfy.restart();
    this.worker.kick();
  }

  async stop(): Promise<void> {
    await Promise.all([this.telegram.stop(), this.ntfy.stop()]);
    await this.worker.stop();
  }

  onEvent(event: PushEvent): void {
    if (event.type === 'approval.updated') this.announcer.onApproval(event.payload);
    else if (event.type === 'run.updated') this.announcer.onRun(event.payload);
    else if (event.type === 'limits.updated') this.announcer.onLimits(event.payload);
    else if (event.type === 'settings.updated') {
      this.telegram.restart();
      this.ntfy.restart();
      this.worker.kick();
    }
  }

  state(): AwayState {
    const { store, clock } = this.deps;
    const telegram = this.config.telegram();
    const record = store.away.channel(TELEGRAM);
    const chat = this.telegram.pairedChat();
    const environmentChat = telegram.environmentChat !== null;
    const ntfy = this.config.ntfy();
    const webhook = this.config.webhook();
    return {
      telegram: {
        tokenSource: this.config.source(TELEGRAM_TOKEN_NAME),
        apiUrl: telegram.apiUrl,
        paired: chat
          ? {
              chat,
              name: environmentChat ? null : record.pairedName,
              at: environmentChat ? null : record.pairedAt,
              fromEnvironment: environmentChat,
            }
          : null,
        pairing: this.telegram.pairing(),
        ...this.deliveryState(TELEGRAM),
      },
      ntfy: {
        url: ntfy.url,
        tokenSource: this.config.source(NTFY_TOKEN_NAME),
        topics:
          ntfy.topic !== null && ntfy.replyTopic !== null
            ? {
                topic: ntfy.topic,
                replyTopic: ntfy.replyTopic,
                at: ntfy.at,
                fromEnvironment: ntfy.fromEnvironment,
              }
            : null,
        ...this.deliveryState(NTFY),
      },
      webhook: {
        url: webhook.url,
        secretSource: this.config.source(WEBHOOK_SECRET_NAME),
        ...this.deliveryState(WEBHOOK),
      },
      refusals: store.away
        .decisions({ limit: 50 })
        .filter(
          (decision) => decision.outcome === 'refused' && decision.at > clock() - 7 * 86_400_000,
        )
        .slice(0, 10)
        .map((decision) => ({
          at: decision.at,
          channel: decision.channel === NTFY ? NTFY : TELEGRAM,
          chat: decision.chat,
          detail: decision.detail,
        })),
    };
  }

  async setTelegramToken(token: string): Promise<AwayState> {
    await this.config.setSecret(TELEGRAM_TOKEN_NAME, token);
    this.telegram.restart();
    this.worker.kick();
    return this.changed();
  }

  async forgetTelegramToken(): Promise<AwayState> {
    await this.config.forgetSecret(TELEGRAM_TOKEN_NAME);
    this.telegram.restart();
    return this.changed();
  }

  startPairing(): AwayState {
    if (this.config.telegram().environmentChat !== null) {
      throw new ApiError(
        'conflict',
        `${TELEGRAM_CHAT_VARIABLE} names the paired chat; unset it to pair another in the panel.`,
      );
    }
    if (this.config.telegram().token === null) {
      throw new ApiError('conflict', 'Add the bot token first.');
    }
    this.telegram.startPairing();
    return this.changed();
  }

  revokePairing(): AwayState {
    if (this.config.telegram().environmentChat !== null) {
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

  async setNtfyToken(token: string): Promise<AwayState> {
    await this.config.setSecret(NTFY_TOKEN_NAME, token);
    this.ntfy.restart();
    this.worker.kick();
    return this.changed();
  }

  async forgetNtfyToken(): Promise<AwayState> {
    await this.config.forgetSecret(NTFY_TOKEN_NAME);
    this.ntfy.restart();
    return this.changed();
  }

  /**
   * Makes a new pair of long random topics. Replacing a pair revokes it at once: buttons of
   * messages sent to the old topics decide nothing, and what was queued for them is not sent.
   */
  newNtfyTopics(): AwayState {
    this.refuseEnvironmentTopics();
    const topic = (prefix: string) => `${prefix}-${randomBytes(24).toString('base64url')}`;
    this.dropNtfyQueue('The ntfy topics were replaced before it went.');
    this.deps.store.away.updateChannel(NTFY, {
      pairedChat: topic('sbr'),
      pairedName: topic('sb'),
      pairedAt: this.deps.clock(),
      // Followed from now (unix seconds): what the phone sends before the stream opens counts.
      updateOffset: Math.floor(this.deps.clock() / 1000),
    });
    this.ntfy.restart();
    this.worker.kick();
    return this.changed();
  }

  removeNtfyTopics(): AwayState {
    this.refuseEnvironmentTopics();
    this.dropNtfyQueue('The ntfy topics were removed before it went.');
    this.deps.store.away.updateChannel(NTFY, {
      pairedChat: null,
      pairedName: null,
      pairedAt: null,
      updateOffset: 0,
    });
    this.ntfy.restart();
    return this.changed();
  }

  /** A new signing secret for the webhook, kept in the keychain; shown once, to copy. */
  async newWebhookSecret(): Promise<{ secret: string }> {
    if (this.config.source(WEBHOOK_SECRET_NAME) === 'environment') {
      throw new ApiError('conflict', `${WEBHOOK_SECRET_NAME} sets the secret; unset it first.`);
    }
    const secret = randomBytes(32).toString('base64url');
    await this.config.setSecret(WEBHOOK_SECRET_NAME, secret);
    this.worker.kick();
    this.changed();
    return { secret };
  }

  deliveries(approvalIds: readonly string[]): AwayDelivery[] {
    const { store } = this.deps;
    const decided = new Map(
      store.away
        .decisions({ approvalIds })
        .filter((decision) => decision.outcome === 'decided' && decision.approvalId !== null)
        .map((decision) => [`${decision.channel} ${decision.approvalId ?? ''}`, decision.at]),
    );
    return store.away
      .forApprovals(approvalIds)
      .filter((item) => item.kind === 'send' && item.approvalId !== null)
      .map((item) => ({
        approvalId: item.approvalId ?? '',
        channel: channelName(item.channel),
        sentAt: item.sentAt,
        queued: item.sentAt === null && item.droppedAt === null,
        notSent: item.droppedAt !== null ? item.lastError : null,
        decidedAt: decided.get(`${item.channel} ${item.approvalId ?? ''}`) ?? null,
      }));
  }

  private deliveryState(channel: string): ChannelDeliveryState {
    const record = this.deps.store.away.channel(channel);
    return {
      queued: this.deps.store.away.queued(channel).length,
      lastError: record.lastError,
      lastErrorAt: record.lastErrorAt,
      lastSentAt: record.lastSentAt,
    };
  }

  private refuseEnvironmentTopics(): void {
    if (this.config.ntfy().fromEnvironment) {
      throw new ApiError(
        'conflict',
        `${NTFY_TOPIC_VARIABLE} names the topics; unset it and restart to change them.`,
      );
    }
  }

  private dropNtfyQueue(reason: string): void {
    this.deps.store.away.dropQueued(NTFY, this.deps.clock(), reason);
  }

  private changed(): AwayState {
    const state = this.state();
    this.deps.bus.emit('away.updated', state);
    return state;
  }
}

function channelName(channel: string): AwayChannelName {
  return channel === NTFY ? NTFY : channel === WEBHOOK ? WEBHOOK : TELEGRAM;
}
