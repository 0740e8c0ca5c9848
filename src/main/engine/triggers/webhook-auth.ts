// Webhook secrets (derived from a random salt and the data folder's webhook key, stored only as a
// hash and that salt, compared in constant time), GitHub-style body signatures, the per-trigger
// rate limit, and how a request body becomes part of the run's prompt.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { untrustedBlock } from '../untrusted/untrusted-text';

/** What a new or rotated secret is derived from: 32 random bytes, base64url. */
export function newSecretSalt(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The secret a caller presents (or signs with): HMAC-SHA256 of the salt under the data folder's
 * webhook key, base64url (43 characters). Neither the store nor the key file alone gives it away.
 */
export function deriveWebhookSecret(key: Buffer, salt: string): string {
  return createHmac('sha256', key).update(salt, 'utf8').digest('base64url');
}

/** A new secret and what is stored for it. */
export function newWebhookSecret(key: Buffer): { secret: string; hash: string; salt: string } {
  const salt = newSecretSalt();
  const secret = deriveWebhookSecret(key, salt);
  return { secret, hash: hashSecret(secret), salt };
}

/**
 * GitHub's `X-Hub-Signature-256: sha256=<hex>`: HMAC-SHA256 of the raw body under the secret,
 * compared in constant time.
 */
export function signatureMatches(
  header: string | undefined,
  body: Buffer,
  secret: string,
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const presented = Buffer.from(match[1], 'hex');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
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

/**
 * The text appended to the task's prompt: who sent it (Switchboard's own words), then the body
 * (JSON pretty-printed, anything else as sent) inside an untrusted-input block.
 */
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
  let shown = body;
  if (isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new WebhookBodyError('The body is not valid JSON (Content-Type says JSON)');
    }
    shown = JSON.stringify(parsed, null, 2);
  }
  const what = `the ${isJson ? 'JSON ' : ''}body of webhook request ${requestId}`;
  return {
    text: `This run was started by webhook request ${requestId}.\n\n${untrustedBlock(what, shown)}`,
    kind: isJson ? 'json' : 'text',
  };
}
