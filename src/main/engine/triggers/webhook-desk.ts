// Webhook requests, transport-free: who may fire (secret, pause, rate limit) and what a delivered
// body does (appended to the prompt, subject to the task's overlap policy). server/ maps the
// answers to HTTP statuses.
import type { TriggerFiringOutcome } from '../../../shared/domain';
import type { Store, TriggerRecord } from '../store';
import type { FireRequest, FireResult } from './trigger-firing';
import {
  newRequestId,
  RateLimiter,
  secretMatches,
  WebhookBodyError,
  webhookPromptPart,
} from './webhook-auth';

/** Bodies larger than this are refused before they are read to the end. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;

export type WebhookRefusal =
  | { reason: 'unknown'; message: string }
  | { reason: 'unauthorized'; message: string }
  | { reason: 'paused'; message: string }
  | { reason: 'rate_limited'; message: string; retryAfterSeconds: number };

export type WebhookDelivery =
  | {
      ok: true;
      requestId: string;
      outcome: TriggerFiringOutcome;
      runId: string | null;
      message?: string;
    }
  | { ok: false; reason: 'unknown' | 'bad_body'; message: string };

export interface WebhookReceiver {
  readonly maxBodyBytes: number;
  /** Checks the secret, the pause switches and the rate limit; null when the request may go on. */
  admit(triggerId: string, secret: string | undefined): WebhookRefusal | null;
  deliver(triggerId: string, body: string, contentType: string | undefined): WebhookDelivery;
  /** A rotated secret starts with a fresh allowance. */
  forget(triggerId: string): void;
}

interface WebhookDeskDeps {
  store: Store;
  clock: () => number;
  limit: number;
  windowMs: number;
  isLive: (trigger: TriggerRecord) => boolean;
  fire: (trigger: TriggerRecord, request: FireRequest) => FireResult;
}

export class WebhookDesk implements WebhookReceiver {
  readonly maxBodyBytes = WEBHOOK_MAX_BODY_BYTES;
  private readonly limiter: RateLimiter;

  constructor(private readonly deps: WebhookDeskDeps) {
    this.limiter = new RateLimiter(deps.limit, deps.windowMs, deps.clock);
  }

  admit(triggerId: string, secret: string | undefined): WebhookRefusal | null {
    const trigger = this.webhook(triggerId);
    if (!trigger) return { reason: 'unknown', message: `No webhook trigger with id ${triggerId}` };
    if (!secretMatches(secret, trigger.secretHash)) {
      return { reason: 'unauthorized', message: 'Missing or wrong X-Switchboard-Secret header' };
    }
    if (!this.deps.isLive(trigger)) {
      return {
        reason: 'paused',
        message: trigger.enabled
          ? 'Triggers are paused in Switchboard (Settings → Triggers)'
          : 'This webhook trigger is turned off',
      };
    }
    const allowance = this.limiter.take(triggerId);
    if (!allowance.ok) {
      return {
        reason: 'rate_limited',
        message: `Too many requests: at most ${this.deps.limit} per ${Math.round(this.deps.windowMs / 1000)} s for this webhook`,
        retryAfterSeconds: allowance.retryAfterSeconds,
      };
    }
    return null;
  }

  deliver(triggerId: string, body: string, contentType: string | undefined): WebhookDelivery {
    const trigger = this.webhook(triggerId);
    if (!trigger)
      return { ok: false, reason: 'unknown', message: `No webhook trigger with id ${triggerId}` };
    const requestId = newRequestId();
    let part: ReturnType<typeof webhookPromptPart>;
    try {
      part = webhookPromptPart({ requestId, body, contentType });
    } catch (error) {
      if (error instanceof WebhookBodyError)
        return { ok: false, reason: 'bad_body', message: error.message };
      throw error;
    }
    const result = this.deps.fire(trigger, {
      kind: 'webhook',
      detail: {
        requestId,
        receivedAt: new Date(this.deps.clock()).toISOString(),
        contentType: contentType ?? null,
        bytes: Buffer.byteLength(body, 'utf8'),
        body: part.kind,
      },
      extraPrompt: part.text,
    });
    return {
      ok: true,
      requestId,
      outcome: result.outcome,
      runId: result.runId,
      message: result.reason,
    };
  }

  forget(triggerId: string): void {
    this.limiter.forget(triggerId);
  }

  private webhook(triggerId: string): TriggerRecord | undefined {
    const trigger = this.deps.store.triggers.get(triggerId);
    return trigger?.spec.kind === 'webhook' ? trigger : undefined;
  }
}
