// Published per-million-token prices of Claude models, for a run's cost while it streams (Claude
// Code reports its own total only at the end, and that total replaces this estimate).
import type { TokenUsage } from '../../../shared/domain';

export interface ModelPrice {
  /** USD per million tokens. */
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

function price(input: number, output: number, cacheRead = input / 10): ModelPrice {
  return { input, output, cacheWrite: input * 1.25, cacheRead };
}

/** Longest matching prefix wins, so dated ids (claude-opus-4-1-20250805) find their model. */
const PRICES: readonly [prefix: string, price: ModelPrice][] = [
  ['claude-opus-4-0', price(15, 75)],
  ['claude-opus-4-1', price(15, 75)],
  ['claude-opus-4', price(5, 25)],
  ['claude-opus-5-5', price(4, 20, 0.2)],
  ['claude-opus-5', price(5, 25)],
  ['claude-3-opus', price(15, 75)],
  ['claude-sonnet-5-5', price(2, 10, 0.1)],
  ['claude-sonnet-5', price(2, 10)],
  ['claude-sonnet-4', price(3, 15)],
  ['claude-3-7-sonnet', price(3, 15)],
  ['claude-3-5-sonnet', price(3, 15)],
  ['claude-haiku-4', price(1, 5)],
  ['claude-haiku-5', price(1, 5)],
  ['claude-3-5-haiku', price(0.8, 4)],
  ['claude-3-haiku', price(0.25, 1.25)],
  ['claude-fable-5-2', price(8, 40, 0.2)],
  ['claude-fable-5-1', price(10, 50, 0.25)],
  ['claude-fable-5', price(10, 50)],
  ['claude-mythos-5-2', price(8, 40, 0.2)],
  ['claude-mythos-5-1', price(10, 50, 0.25)],
  ['claude-mythos-5', price(10, 50)],
];

/** An unknown or aliased model ("sonnet", "opus[1m]") is priced by its family, else as Sonnet 4. */
const FAMILY_FALLBACK: readonly [word: string, price: ModelPrice][] = [
  ['opus', price(5, 25)],
  ['haiku', price(1, 5)],
  ['sonnet', price(3, 15)],
];
const DEFAULT_PRICE = price(3, 15);

export function priceOf(model: string | null): ModelPrice {
  const id = (model ?? '').toLowerCase();
  let best: [string, ModelPrice] | undefined;
  for (const entry of PRICES) {
    if (id.startsWith(entry[0]) && (best === undefined || entry[0].length > best[0].length)) {
      best = entry;
    }
  }
  if (best) return best[1];
  return FAMILY_FALLBACK.find(([word]) => id.includes(word))?.[1] ?? DEFAULT_PRICE;
}

/** USD for the tokens at the model's published prices. */
export function estimateCostUsd(model: string | null, usage: TokenUsage): number {
  const p = priceOf(model);
  return (
    (usage.inputTokens * p.input +
      usage.outputTokens * p.output +
      usage.cacheCreationInputTokens * p.cacheWrite +
      usage.cacheReadInputTokens * p.cacheRead) /
    1_000_000
  );
}
