// Webhook secrets (random, stored only as a hash, compared in constant time), the per-trigger
// rate limit, and how a request body becomes part of the run's prompt.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters. */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares hashes, so the comparison takes the same time whatever was presented. */
export function secretMatches(presented: string | undefined, storedHash: string | null): boolean {
  if (presented === undefined || presented === '' || storedHash === null) return false;
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashSecret(presented), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function newRequestId(): string {
  return `whr_${randomBytes(9).toString('base64url')}`;
}

/** A sliding window per key: at most `limit` hits in any `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number,
  ) {}

  /** Counts a hit; when over the limit, says how many seconds until one is allowed again. */
  take(key: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      const oldest = recent[0] ?? now;
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
      };
    }
    recent.push(now);
    this.hits.set(key, recent);
    return { ok: true };
  }

  forget(key: string): void {
    this.hits.delete(key);
  }
}

export class WebhookBodyError extends Error {}

/** The text appended to the task's prompt: JSON pretty-printed, anything else as sent. */
export function webhookPromptPart(input: {
  requestId: string;
  body: string;
  contentType: string | undefined;
}): { text: string; kind: 'json' | 'text' | 'empty' } {
  const { requestId, body, contentType } = input;
  if (body.trim() === '') {
    return {
      text: `This run was started by webhook request ${requestId} (no body).`,
      kind: 'empty',
    };
  }
  const isJson = (contentType ?? '').toLowerCase().includes('json');
  if (isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new WebhookBodyError('The body is not valid JSON (Content-Type says JSON)');
    }
    return {
      text: `This run was started by webhook request ${requestId}. Its JSON body:\n${JSON.stringify(parsed, null, 2)}`,
      kind: 'json',
    };
  }
  return {
    text: `This run was started by webhook request ${requestId}. Its body:\n${body}`,
    kind: 'text',
  };
}
