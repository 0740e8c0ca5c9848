// What one Claude Code process spent. A resumed session "continues from the total its transcript
// saved, when it has one" (the SDK's words): a result's total_cost_usd and modelUsage then count
// every earlier process of the session too, while its usage and num_turns are this process's. So
// a continued run (after a wait, a park, a resume) or a follow-up subtracts what the session's
// runs already recorded, or it would count that spend twice.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import type { ModelUsage, TokenUsage } from '../../../shared/domain';
import type { SessionSpend } from '../store/cost-store';

export type { SessionSpend };

type ResultMessage = Extract<SDKMessage, { type: 'result' }>;

export const NOTHING_SPENT: SessionSpend = { costUsd: 0, modelUsage: [] };

/** This process's cost and per-model usage, from its result and what the session had before. */
export function processSpend(message: ResultMessage, before: SessionSpend): SessionSpend {
  const reported: ModelUsage[] = Object.entries(message.modelUsage).map(([model, usage]) => ({
    model,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadInputTokens: usage.cacheReadInputTokens,
    cacheCreationInputTokens: usage.cacheCreationInputTokens,
    costUsd: usage.costUSD,
  }));
  // Restored totals show as more tokens per model than this process used itself.
  const own = message.usage;
  const ownTokens =
    own.input_tokens +
    own.output_tokens +
    own.cache_read_input_tokens +
    own.cache_creation_input_tokens;
  const reportedTokens = reported.reduce((sum, usage) => sum + tokens(usage), 0);
  if (reportedTokens <= ownTokens) {
    return { costUsd: message.total_cost_usd, modelUsage: reported };
  }
  const earlier = new Map(before.modelUsage.map((usage) => [usage.model, usage]));
  return {
    costUsd: Math.max(0, message.total_cost_usd - before.costUsd),
    modelUsage: reported
      .map((usage) => minus(usage, earlier.get(usage.model)))
      .filter((usage) => usage.costUsd > 0 || tokens(usage) > 0),
  };
}

/** Per-model usage added up (a run's earlier processes and this one). */
export function addModelUsage(a: readonly ModelUsage[], b: readonly ModelUsage[]): ModelUsage[] {
  const sum = new Map(a.map((usage) => [usage.model, { ...usage }]));
  for (const usage of b) {
    const into = sum.get(usage.model);
    if (!into) sum.set(usage.model, { ...usage });
    else {
      into.inputTokens += usage.inputTokens;
      into.outputTokens += usage.outputTokens;
      into.cacheReadInputTokens += usage.cacheReadInputTokens;
      into.cacheCreationInputTokens += usage.cacheCreationInputTokens;
      into.costUsd += usage.costUsd;
    }
  }
  return [...sum.values()];
}

function tokens(usage: TokenUsage): number {
  return (
    usage.inputTokens +
    usage.outputTokens +
    usage.cacheReadInputTokens +
    usage.cacheCreationInputTokens
  );
}

/** What a model's cumulative figures add beyond the earlier ones, never below zero. */
function minus(usage: ModelUsage, earlier: ModelUsage | undefined): ModelUsage {
  if (!earlier) return usage;
  const less = (a: number, b: number) => Math.max(0, a - b);
  return {
    model: usage.model,
    inputTokens: less(usage.inputTokens, earlier.inputTokens),
    outputTokens: less(usage.outputTokens, earlier.outputTokens),
    cacheReadInputTokens: less(usage.cacheReadInputTokens, earlier.cacheReadInputTokens),
    cacheCreationInputTokens: less(
      usage.cacheCreationInputTokens,
      earlier.cacheCreationInputTokens,
    ),
    costUsd: less(usage.costUsd, earlier.costUsd),
  };
}
