// What one Claude Code process spent, from its result: figures shaped as the real binary reports
// them (measured against the fake API: a resumed session's result carries the session's totals
// in total_cost_usd and modelUsage, and only its own tokens in usage).
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { describe, expect, it } from 'vitest';
import {
  addModelUsage,
  NOTHING_SPENT,
  processSpend,
} from '../../../../src/main/engine/runs/session-spend';

type ResultMessage = Extract<SDKMessage, { type: 'result' }>;
const MODEL = 'claude-opus-5-5';

/** The fields processSpend reads, as in the results recorded from the real binary. */
function result(total: number, ownInput: number, cumulativeInput: number): ResultMessage {
  return {
    type: 'result',
    total_cost_usd: total,
    usage: {
      input_tokens: ownInput,
      output_tokens: 3,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    },
    modelUsage: {
      [MODEL]: {
        inputTokens: cumulativeInput,
        outputTokens: cumulativeInput === ownInput ? 3 : 6,
        cacheReadInputTokens: 0,
        cacheCreationInputTokens: 0,
        costUSD: total,
      },
    },
  } as unknown as ResultMessage;
}

describe('process spend', () => {
  it('takes a first process at its word', () => {
    const spent = processSpend(result(0.0415, 10_360, 10_360), NOTHING_SPENT);
    expect(spent.costUsd).toBe(0.0415);
    expect(spent.modelUsage).toEqual([
      {
        model: MODEL,
        inputTokens: 10_360,
        outputTokens: 3,
        cacheReadInputTokens: 0,
        cacheCreationInputTokens: 0,
        costUsd: 0.0415,
      },
    ]);
  });

  it('subtracts what the session had recorded from the totals a resumed process restored', () => {
    const first = processSpend(result(0.0415, 10_360, 10_360), NOTHING_SPENT);
    const second = processSpend(result(0.083132, 10_393, 20_753), first);
    expect(second.costUsd).toBeCloseTo(0.041632, 9);
    expect(second.modelUsage[0]).toMatchObject({ inputTokens: 10_393, outputTokens: 3 });
    expect(second.modelUsage[0]?.costUsd).toBeCloseTo(0.041632, 9);
    // Added up, the two processes are what Claude Code reports for the session.
    const total = addModelUsage(first.modelUsage, second.modelUsage);
    expect(total[0]?.inputTokens).toBe(20_753);
    expect(first.costUsd + second.costUsd).toBeCloseTo(0.083132, 9);
  });

  it('counts a resumed process whole when its transcript had no totals to restore', () => {
    const recorded = processSpend(result(0.0415, 10_360, 10_360), NOTHING_SPENT);
    const spent = processSpend(result(0.05, 12_000, 12_000), recorded);
    expect(spent.costUsd).toBe(0.05);
  });

  it('never counts less than nothing when the session recorded more than was restored', () => {
    const spent = processSpend(result(0.06, 10_000, 20_000), { ...NOTHING_SPENT, costUsd: 0.5 });
    expect(spent.costUsd).toBe(0);
  });
});
