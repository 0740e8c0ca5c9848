// The outbound webhook: each announcement (what needs the person, a run's end, a parked run, a
// budget) POSTed as JSON with a Slack-compatible `text`, signed with HMAC-SHA256 of the raw body
// under a secret from the keychain, so the receiver can tell it came from this Switchboard.
// Delivered through the outbox like the other channels: in order, retried with backoff.
import { createHmac } from 'node:crypto';
import type { OutboxItem } from '../store/away-store';
import { Undeliverable, type ChannelDelivery } from './outbox-worker';
import type { FetchFunction } from './telegram-api';
import { failureReason, hostOf } from './send-failure';

export const WEBHOOK = 'webhook';
/** The header that carries `sha256=<hex HMAC of the raw body>`. */
export const SIGNATURE_HEADER = 'x-switchboard-signature';

export interface WebhookConfig {
  url: string | null;
  secret: string | null;
}

export class WebhookChannel implements ChannelDelivery {
  constructor(
    private readonly deps: {
      config: () => WebhookConfig;
      fetch?: FetchFunction;
      timeoutMs?: number;
    },
  ) {}

  /** Where announcements go, or null: the webhook is off (no address, or no secret to sign). */
  target(): string | null {
    const { url, secret } = this.deps.config();
    return url !== null && secret !== null ? url : null;
  }

  ready(): boolean {
    return this.target() !== null;
  }

  async deliver(item: OutboxItem, signal?: AbortSignal): Promise<string | null> {
    const { url, secret } = this.deps.config();
    const meantFor = typeof item.payload.chat === 'string' ? item.payload.chat : null;
    if (url === null || secret === null || meantFor !== url) {
      throw new Undeliverable('The webhook address was changed or removed before it went.');
    }
    const body = JSON.stringify({
      text: typeof item.payload.text === 'string' ? item.payload.text : '',
      event: item.payload.event ?? null,
      runId: item.runId,
      approvalId: item.approvalId,
      at: item.createdAt,
      // The same message id on every retry: a receiver can drop a repeat.
      id: item.id,
    });
    let response: Response;
    try {
      response = await (this.deps.fetch ?? fetch)(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signature(secret, body),
        },
        body,
        signal: AbortSignal.any([
          AbortSignal.timeout(this.deps.timeoutMs ?? 15_000),
          ...(signal ? [signal] : []),
        ]),
      });
    } catch (error) {
      throw new Error(`Could not reach ${hostOf(url, 'the webhook')}: ${failureReason(error)}`, {
        cause: error,
      });
    }
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) throw new Error(`The webhook answered HTTP ${response.status}.`);
    return null;
  }
}

/** `sha256=` and the hex HMAC-SHA256 of the raw body: what a receiver recomputes and compares. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
