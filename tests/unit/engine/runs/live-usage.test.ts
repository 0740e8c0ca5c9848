// Live token counts from streamed messages, summed over the turns of a session.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { describe, expect, it } from 'vitest';
import { LiveUsage } from '../../../../src/main/engine/runs/live-usage';

const event = (value: Record<string, unknown>, parent: string | null = null) =>
  ({ type: 'stream_event', event: value, parent_tool_use_id: parent }) as unknown as SDKMessage;

describe('LiveUsage', () => {
  it('sums tokens over turns and counts them, ignoring subagents', () => {
    const live = new LiveUsage();
    expect(
      live.push(
        event({
          type: 'message_start',
          message: { usage: { input_tokens: 100, output_tokens: 1, cache_read_input_tokens: 50 } },
        }),
      ),
    ).toBe(true);
    expect(live.push(event({ type: 'message_delta', usage: { output_tokens: 20 } }))).toBe(true);
    expect(live.snapshot()).toEqual({
      usage: {
        inputTokens: 100,
        outputTokens: 20,
        cacheReadInputTokens: 50,
        cacheCreationInputTokens: 0,
      },
      numTurns: 1,
    });
    live.push(
      event({ type: 'message_start', message: { usage: { input_tokens: 130, output_tokens: 1 } } }),
    );
    expect(
      live.push(
        event({ type: 'message_start', message: { usage: { input_tokens: 999 } } }, 'toolu_sub'),
      ),
    ).toBe(false);
    expect(
      live.push(
        event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } }),
      ),
    ).toBe(false);
    expect(live.snapshot()).toEqual({
      usage: {
        inputTokens: 230,
        outputTokens: 21,
        cacheReadInputTokens: 50,
        cacheCreationInputTokens: 0,
      },
      numTurns: 2,
    });
  });
});
