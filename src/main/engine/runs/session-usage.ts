// Which token counts a session's end records. Claude Code's result after an interrupt (Stop) says
// 0 tokens in `usage` while its cost and per-model figures still count them, and a session killed
// before any result says nothing at all: either way the run keeps what the panel showed live.
import type { TokenUsage } from '../../../shared/domain';

/** The token counts of Claude Code's result message. */
export interface ResultTokens {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
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
 * figures its cost was computed from (this process's share: see session-spend), else (neither
 * says anything) the live count.
 */
export function resultUsage(
  counts: ResultTokens,
  perModel: readonly TokenUsage[],
  live: TokenUsage,
): TokenUsage {
  const reported: TokenUsage = {
    inputTokens: counts.input_tokens,
    outputTokens: counts.output_tokens,
    cacheReadInputTokens: counts.cache_read_input_tokens,
    cacheCreationInputTokens: counts.cache_creation_input_tokens,
  };
  if (!isEmpty(reported)) return reported;
  const modelTotal = perModel.reduce<TokenUsage>((sum, usage) => addUsage(sum, usage), ZERO_USAGE);
  return isEmpty(modelTotal) ? live : modelTotal;
}
