// Webhook secrets, the per-trigger rate limit and how a body becomes part of the prompt.
import { describe, expect, it } from 'vitest';
import {
  hashSecret,
  newWebhookSecret,
  RateLimiter,
  secretMatches,
  WebhookBodyError,
  webhookPromptPart,
} from '../../../../src/main/engine/triggers/webhook-auth';

describe('webhook secrets', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const a = newWebhookSecret();
    const b = newWebhookSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('match only the exact secret against its stored hash', () => {
    const secret = newWebhookSecret();
    const hash = hashSecret(secret);
    expect(hash).not.toContain(secret);
    expect(secretMatches(secret, hash)).toBe(true);
    expect(secretMatches(secret.slice(0, -1), hash)).toBe(false);
    expect(secretMatches(`${secret}x`, hash)).toBe(false);
    expect(secretMatches(undefined, hash)).toBe(false);
    expect(secretMatches('', hash)).toBe(false);
    expect(secretMatches(secret, null)).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('allows `limit` hits per window per key and says when to retry', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('b').ok).toBe(true);
    now += 15_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 45 });
    now += 45_001;
    expect(limiter.take('a').ok).toBe(true);
    limiter.forget('b');
    expect([1, 2, 3].map(() => limiter.take('b').ok)).toEqual([true, true, true]);
  });
});

describe('webhookPromptPart', () => {
  it('pretty-prints JSON bodies', () => {
    const part = webhookPromptPart({
      requestId: 'whr_1',
      body: '{"ref":"main","n":2}',
      contentType: 'application/json',
    });
    expect(part.kind).toBe('json');
    expect(part.text).toContain('webhook request whr_1');
    expect(part.text).toContain('"ref": "main"');
  });

  it('passes text bodies through and notes an empty one', () => {
    expect(
      webhookPromptPart({ requestId: 'r', body: 'deploy now', contentType: 'text/plain' }).text,
    ).toMatch(/deploy now$/);
    expect(webhookPromptPart({ requestId: 'r', body: '  ', contentType: undefined }).kind).toBe(
      'empty',
    );
  });

  it('refuses a body that claims to be JSON but is not', () => {
    expect(() =>
      webhookPromptPart({ requestId: 'r', body: '{nope', contentType: 'application/json' }),
    ).toThrow(WebhookBodyError);
  });
});
