// Which token counts a session's end records. Claude Code's result after an interrupt (Stop) says
// 0 tokens in `usage` while its cost and per-model figures still count them, and a session killed
// before any result says nothing at all: either way the run keeps what the panel showed live.
import type { TokenUsage } from '../../../shared/domain';

/** The parts of Claude Code's result message that count tokens. */
export interface ResultCounts {
  usage: {
    input_tokens: number;
    output_tokens: number;
    cache_read_input_tokens: number;
    cache_creation_input_tokens: number;
  };
  modelUsage: Record<string, TokenUsage>;
}

export const ZERO_USAGE: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadInputTokens: 0,
  cacheCreationInputTokens: 0,
};

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadInputTokens: a.cacheReadInputTokens + b.cacheReadInputTokens,
    cacheCreationInputTokens: a.cacheCreationInputTokens + b.cacheCreationInputTokens,
  };
}

function isEmpty(usage: TokenUsage): boolean {
  return (
    usage.inputTokens + usage.outputTokens + usage.cacheReadInputTokens === 0 &&
    usage.cacheCreationInputTokens === 0
  );
}

/**
 * This session's tokens as its result tells them: the result's own totals, else the per-model
 * figures its cost was computed from, else (neither says anything) the live count.
 */
export function resultUsage(message: ResultCounts, live: TokenUsage): TokenUsage {
  const reported: TokenUsage = {
    inputTokens: message.usage.input_tokens,
    outputTokens: message.usage.output_tokens,
    cacheReadInputTokens: message.usage.cache_read_input_tokens,
    cacheCreationInputTokens: message.usage.cache_creation_input_tokens,
  };
  if (!isEmpty(reported)) return reported;
  const perModel = Object.values(message.modelUsage).reduce<TokenUsage>(
    (sum, usage) => addUsage(sum, usage),
    ZERO_USAGE,
  );
  return isEmpty(perModel) ? live : perModel;
}
