// Which token counts a session's end records: the result's, its per-model figures, or the live count.
import { describe, expect, it } from 'vitest';
import { resultUsage } from '../../../../src/main/engine/runs/session-usage';

const live = {
  inputTokens: 900,
  outputTokens: 9,
  cacheReadInputTokens: 0,
  cacheCreationInputTokens: 0,
};
const zero = {
  input_tokens: 0,
  output_tokens: 0,
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
};

describe('resultUsage', () => {
  it("takes the result's own totals when it has them", () => {
    const usage = { ...zero, input_tokens: 1_000, output_tokens: 20, cache_read_input_tokens: 5 };
    expect(resultUsage({ usage, modelUsage: {} }, live)).toEqual({
      inputTokens: 1_000,
      outputTokens: 20,
      cacheReadInputTokens: 5,
      cacheCreationInputTokens: 0,
    });
  });

  it('adds up the per-model figures when an interrupted result says 0 tokens', () => {
    const modelUsage = {
      'claude-opus-5-5': {
        inputTokens: 13_278,
        outputTokens: 14,
        cacheReadInputTokens: 0,
        cacheCreationInputTokens: 0,
      },
      'claude-haiku-5': {
        inputTokens: 100,
        outputTokens: 3,
        cacheReadInputTokens: 7,
        cacheCreationInputTokens: 1,
      },
    };
    expect(resultUsage({ usage: zero, modelUsage }, live)).toEqual({
      inputTokens: 13_378,
      outputTokens: 17,
      cacheReadInputTokens: 7,
      cacheCreationInputTokens: 1,
    });
  });

  it('keeps the live count when the result says nothing at all', () => {
    expect(resultUsage({ usage: zero, modelUsage: {} }, live)).toEqual(live);
  });
});
