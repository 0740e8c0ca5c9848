// The ntfy channel: publishes what needs the person to their topic with action buttons, and
// follows a second, reply topic (an outbound JSON stream) where those buttons publish the
// decision back. A decision is taken only from the current reply topic, on a single-use token
// issued for it; anything else is refused and logged. Also delivers the outbox's ntfy messages.
import type { MethodParams } from '../../../shared/contract';
import type { Approval } from '../../../shared/domain';
import type { Store } from '../store';
import type { OutboxItem } from '../store/away-store';
import { decideFromToken } from './away-decisions';
import { NtfyApi, type NtfyAction, type NtfyEvent, type NtfyPublish } from './ntfy-api';
import { Undeliverable, type ChannelDelivery } from './outbox-worker';
import type { FetchFunction, InlineKeyboard } from './telegram-api';
import { RestartableLoop } from './restartable-loop';

export const NTFY = 'ntfy';
/** ntfy shows at most three action buttons on a notification. */
const MAX_ACTIONS = 3;

export interface NtfyConfig {
  url: string;
  token: string | null;
  topic: string | null;
  replyTopic: string | null;
}

export interface NtfyTimings {
  /** The wait before following the reply topic again after its stream failed. */
  pollRetryMs: number;
  /** A stream silent this long (no keepalive) is dropped and opened again. */
  streamIdleMs: number;
}

export const DEFAULT_NTFY_TIMINGS: Pick<NtfyTimings, 'streamIdleMs'> = { streamIdleMs: 120_000 };

interface NtfyChannelDeps {
  store: Store;
  clock: () => number;
  config: () => NtfyConfig;
  decide: (params: MethodParams<'approvals.decide'>) => Approval;
  onChange: () => void;
  timings: NtfyTimings;
  fetch?: FetchFunction;
}

export class NtfyChannel implements ChannelDelivery {
  private readonly listening = new RestartableLoop((signal) => this.follow(signal));
  /** Ids already handled: a stream resumed `since` a second can repeat that second's events. */
  private readonly seen = new Set<string>();

  constructor(private readonly deps: NtfyChannelDeps) {}

  /** Where decisions may come from, and what each request's token is bound to. */
  pairedChat(): string | null {
    const { topic, replyTopic } = this.deps.config();
    return topic !== null ? replyTopic : null;
  }

  ready(): boolean {
    return this.pairedChat() !== null;
  }

  /** (Re)starts following the reply topic with the current address, token and topics. */
  restart(): void {
    this.listening.restart();
  }

  stop(): Promise<void> {
    return this.listening.stop();
  }

  async deliver(item: OutboxItem, signal?: AbortSignal): Promise<string | null> {
    const config = this.deps.config();
    const replyTopic = typeof item.payload.chat === 'string' ? item.payload.chat : null;
    if (config.topic === null || replyTopic === null || replyTopic !== this.pairedChat()) {
      throw new Undeliverable('The topics it was meant for were changed.');
    }
    const api = new NtfyApi({ url: config.url, token: config.token, fetch: this.deps.fetch });
    const text = typeof item.payload.text === 'string' ? item.payload.text : '';
    if (item.kind === 'send') {
      const keyboard = (item.payload.keyboard as InlineKeyboard | undefined) ?? null;
      const replyUrl = `${config.url.replace(/\/+$/, '')}/${replyTopic}`;
      return api.publish(publishOf(config.topic, text, keyboard, replyUrl), signal);
    }
    const sendId = typeof item.payload.sendId === 'number' ? item.payload.sendId : -1;
    const sent = this.deps.store.away.get(sendId);
    if (!sent?.remoteRef) throw new Undeliverable('The message to update was never sent.');
    // A refusal (no access to the topic) is retried like the rest: the person may fix the
    // server's access rules, and the channel shows the error meanwhile.
    await api.publish({ topic: config.topic, message: text, sequence_id: sent.remoteRef }, signal);
    return null;
  }

  private async follow(signal: AbortSignal): Promise<void> {
    const { store, timings } = this.deps;
    // A function, not the property: it changes while this loop awaits.
    const aborted = () => signal.aborted;
    while (!aborted()) {
      const config = this.deps.config();
      const replyTopic = this.pairedChat();
      if (replyTopic === null) return;
      const api = new NtfyApi({ url: config.url, token: config.token, fetch: this.deps.fetch });
      const since = store.away.channel(NTFY).updateOffset;
      try {
        await api.follow(
          replyTopic,
          since > 0 ? since : null,
          signal,
          (event) => this.onEvent(event),
          timings.streamIdleMs,
        );
      } catch (error) {
        if (aborted()) return;
        const message = error instanceof Error ? error.message : String(error);
        store.away.updateChannel(NTFY, { lastError: message, lastErrorAt: this.deps.clock() });
        this.deps.onChange();
      }
      await sleep(timings.pollRetryMs, signal);
    }
  }

  private onEvent(event: NtfyEvent): void {
    if (event.event !== 'message' || this.seen.has(event.id)) return;
    this.seen.add(event.id);
    if (this.seen.size > 1_000) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    const { store, clock } = this.deps;
    const outcome = decideFromToken(this.deps, {
      channel: NTFY,
      source: event.topic,
      current: this.pairedChat(),
      data: event.message ?? '',
    });
    store.away.logDecision({
      channel: NTFY,
      chat: event.topic,
      approvalId: outcome.approvalId,
      outcome: outcome.ok ? 'decided' : 'refused',
      detail: outcome.detail,
      at: clock(),
    });
    if (!outcome.ok) console.warn(`[away] ntfy: refused from ${event.topic}: ${outcome.detail}`);
    if (event.time > store.away.channel(NTFY).updateOffset) {
      store.away.updateChannel(NTFY, { updateOffset: event.time });
    }
    this.deps.onChange();
  }
}

/**
 * The notification for a message: Telegram-style buttons become ntfy actions (a button's data is
 * published to the reply topic), a link becomes what tapping the notification opens. ntfy shows
 * three actions at most: with more choices, the person answers in the panel.
 */
export function publishOf(
  topic: string,
  text: string,
  keyboard: InlineKeyboard | null,
  replyUrl: string,
): NtfyPublish {
  const buttons = keyboard?.flat() ?? [];
  const actions: NtfyAction[] = buttons.flatMap((button) =>
    button.callback_data
      ? [
          {
            action: 'http' as const,
            label: button.text,
            url: replyUrl,
            method: 'POST' as const,
            body: button.callback_data,
            clear: true,
          },
        ]
      : [],
  );
  const link = buttons.find((button) => button.url)?.url;
  const [title, ...rest] = text.split('\n\n');
  const body = rest.length > 0 ? rest.join('\n\n') : text;
  const fits = actions.length <= MAX_ACTIONS;
  // A question's options are all or none (a missing option would be a wrong answer); a request
  // keeps Allow, Deny and its narrowest "Always allow", and wider ones are left to the panel.
  const options = buttons.some((button) => /:o\d+$/.test(button.callback_data ?? ''));
  const shown = fits ? actions : options ? [] : actions.slice(0, MAX_ACTIONS);
  const note = fits ? '' : options ? 'Answer it in Switchboard.' : 'Wider choices in Switchboard.';
  return {
    topic,
    ...(rest.length > 0 && title ? { title } : {}),
    message: note ? `${body}\n\n${note}` : body,
    ...(shown.length > 0 ? { actions: shown } : {}),
    ...(link ? { click: link } : {}),
  };
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
