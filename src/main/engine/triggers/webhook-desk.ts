// Webhook requests, transport-free: who may fire (secret or signature, pause, rate limit) and
// what a delivered body does (appended to the prompt as untrusted data, subject to the task's
// overlap policy; a delivery id seen in the last day starts nothing). server/ maps the answers
// to HTTP statuses.
import type { TriggerFiringOutcome } from '../../../shared/domain';
import type { Store, TriggerRecord } from '../store';
import type { FireRequest, FireResult } from './trigger-firing';
import {
  deriveWebhookSecret,
  newRequestId,
  RateLimiter,
  secretMatches,
  signatureMatches,
  WebhookBodyError,
  webhookPromptPart,
} from './webhook-auth';

/** Bodies larger than this are refused before they are read to the end. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;
/** How long a delivery id is remembered. */
export const DELIVERY_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Longer delivery ids are refused rather than kept. */
export const MAX_DELIVERY_ID_LENGTH = 200;

/** How a caller proves it holds the secret: the secret itself, or a signature of the body. */
export type WebhookCredential =
  | { kind: 'secret'; secret: string | undefined }
  | { kind: 'signature'; signature: string; body: Buffer };

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
      /** The delivery id was seen before: nothing new started; this is what the first did. */
      duplicate: boolean;
    }
  | { ok: false; reason: 'unknown' | 'bad_body'; message: string };

export interface WebhookReceiver {
  readonly maxBodyBytes: number;
  /** Checks the credential, the pause switches and the rate limit; null when it may go on. */
  admit(triggerId: string, credential: WebhookCredential): WebhookRefusal | null;
  deliver(request: {
    triggerId: string;
    body: string;
    contentType: string | undefined;
    /** X-GitHub-Delivery or Idempotency-Key, when the caller sent one. */
    deliveryId: string | null;
  }): WebhookDelivery;
  /** A rotated secret starts with a fresh allowance. */
  forget(triggerId: string): void;
}

interface WebhookDeskDeps {
  store: Store;
  clock: () => number;
  /** The data folder's webhook key, from which each trigger's secret is derived. */
  webhookKey: Buffer;
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

  admit(triggerId: string, credential: WebhookCredential): WebhookRefusal | null {
    const trigger = this.webhook(triggerId);
    if (!trigger) return { reason: 'unknown', message: `No webhook trigger with id ${triggerId}` };
    const refusal = this.checkCredential(trigger, credential);
    if (refusal) return refusal;
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

  deliver(request: Parameters<WebhookReceiver['deliver']>[0]): WebhookDelivery {
    const { triggerId, body, contentType, deliveryId } = request;
    const trigger = this.webhook(triggerId);
    if (!trigger)
      return { ok: false, reason: 'unknown', message: `No webhook trigger with id ${triggerId}` };
    if (deliveryId !== null && deliveryId.length > MAX_DELIVERY_ID_LENGTH) {
      return {
        ok: false,
        reason: 'bad_body',
        message: `The delivery id is longer than ${MAX_DELIVERY_ID_LENGTH} characters`,
      };
    }
    const deliveries = this.deps.store.webhookDeliveries;
    const now = this.deps.clock();
    if (deliveryId !== null) {
      deliveries.prune(now - DELIVERY_MEMORY_MS);
      const seen = deliveries.find(triggerId, deliveryId, now - DELIVERY_MEMORY_MS);
      if (seen) {
        const { requestId, outcome, runId } = seen;
        return { ok: true, requestId, outcome, runId, duplicate: true };
      }
    }
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
        ...(deliveryId === null ? {} : { deliveryId }),
      },
      extraPrompt: part.text,
    });
    if (deliveryId !== null) {
      deliveries.record({
        triggerId,
        deliveryId,
        requestId,
        outcome: result.outcome,
        runId: result.runId,
        firingId: result.firingId,
        receivedAt: now,
      });
    }
    return {
      ok: true,
      requestId,
      outcome: result.outcome,
      runId: result.runId,
      message: result.reason,
      duplicate: false,
    };
  }

  private checkCredential(
    trigger: TriggerRecord,
    credential: WebhookCredential,
  ): WebhookRefusal | null {
    if (credential.kind === 'secret') {
      return secretMatches(credential.secret, trigger.secretHash)
        ? null
        : { reason: 'unauthorized', message: 'Missing or wrong X-Switchboard-Secret header' };
    }
    if (trigger.secretSalt === null) {
      return {
        reason: 'unauthorized',
        message:
          "This webhook's secret was made before signatures were checked; rotate the secret to use X-Hub-Signature-256",
      };
    }
    const secret = deriveWebhookSecret(this.deps.webhookKey, trigger.secretSalt);
    return signatureMatches(credential.signature, credential.body, secret)
      ? null
      : { reason: 'unauthorized', message: 'Wrong X-Hub-Signature-256 for this body' };
  }

  forget(triggerId: string): void {
    this.limiter.forget(triggerId);
  }

  private webhook(triggerId: string): TriggerRecord | undefined {
    const trigger = this.deps.store.triggers.get(triggerId);
    return trigger?.spec.kind === 'webhook' ? trigger : undefined;
  }
}
