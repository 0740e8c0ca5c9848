import { describe, expect, it } from 'vitest';
import { estimateCostUsd, priceOf } from '../../../../src/main/engine/costs/model-prices';

const usage = (input: number, output: number, cacheRead = 0, cacheWrite = 0) => ({
  inputTokens: input,
  outputTokens: output,
  cacheReadInputTokens: cacheRead,
  cacheCreationInputTokens: cacheWrite,
});

describe('model prices', () => {
  it('finds dated ids by their longest prefix', () => {
    expect(priceOf('claude-opus-4-1-20250805').input).toBe(15);
    expect(priceOf('claude-opus-4-5-20251101').input).toBe(5);
    expect(priceOf('claude-sonnet-5-5').output).toBe(10);
    expect(priceOf('claude-haiku-4-5-20251001').input).toBe(1);
  });

  it('prices aliases by family and anything else as Sonnet 4', () => {
    expect(priceOf('opus[1m]').input).toBe(5);
    expect(priceOf('something-new').input).toBe(3);
    expect(priceOf(null).output).toBe(15);
  });

  it('adds input, output and cache tokens at their own rates', () => {
    // Sonnet 4: $3 in, $15 out, $3.75 cache write, $0.30 cache read per million.
    const cost = estimateCostUsd(
      'claude-sonnet-4-6',
      usage(1_000_000, 100_000, 1_000_000, 100_000),
    );
    expect(cost).toBeCloseTo(3 + 1.5 + 0.3 + 0.375, 6);
  });

  it('matches what Claude Code charged the fake API for Sonnet 5.5', () => {
    // Seen from the bundled binary: 10,398 input and 1 output token cost $0.020806.
    expect(estimateCostUsd('claude-sonnet-5-5', usage(10_398, 1))).toBeCloseTo(0.020806, 6);
  });
});
