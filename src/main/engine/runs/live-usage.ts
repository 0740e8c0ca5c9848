// Token counts and turns while a session is still going: Claude Code reports cost only in its
// result, but every streamed message says how many tokens it used, so the panel can count live.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import type { TokenUsage } from '../../../shared/domain';
import { addUsage as add, ZERO_USAGE as ZERO } from './session-usage';

type StreamEvent = Extract<SDKMessage, { type: 'stream_event' }>['event'];

interface PartialUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

export class LiveUsage {
  private finished: TokenUsage = { ...ZERO };
  private current: TokenUsage = { ...ZERO };
  private turns = 0;

  /** Takes one SDK message; true when the counts changed. */
  push(message: SDKMessage): boolean {
    if (message.type !== 'stream_event' || message.parent_tool_use_id !== null) return false;
    return this.onEvent(message.event);
  }

  snapshot(): { usage: TokenUsage; numTurns: number } {
    return { usage: add(this.finished, this.current), numTurns: this.turns };
  }

  private onEvent(event: StreamEvent): boolean {
    if (event.type === 'message_start') {
      this.finished = add(this.finished, this.current);
      this.current = merge(ZERO, event.message.usage);
      this.turns++;
      return true;
    }
    if (event.type === 'message_delta') {
      this.current = merge(this.current, event.usage);
      return true;
    }
    return false;
  }
}

function merge(base: TokenUsage, usage: PartialUsage): TokenUsage {
  return {
    inputTokens: usage.input_tokens ?? base.inputTokens,
    outputTokens: usage.output_tokens ?? base.outputTokens,
    cacheReadInputTokens: usage.cache_read_input_tokens ?? base.cacheReadInputTokens,
    cacheCreationInputTokens: usage.cache_creation_input_tokens ?? base.cacheCreationInputTokens,
  };
}
