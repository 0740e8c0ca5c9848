// SDK messages for unit tests that drive the session runner with a scripted query: a Bash tool
// call, its output, the closing result, and the Query shape around a message generator.
import type { Query, SDKMessage } from '@anthropic-ai/claude-agent-sdk';

export function bashCall(command: string, toolUseId = 'tu1'): SDKMessage {
  return {
    type: 'assistant',
    message: {
      id: 'm1',
      content: [{ type: 'tool_use', id: toolUseId, name: 'Bash', input: { command } }],
    },
  } as unknown as SDKMessage;
}

export function toolOutput(content: string, toolUseId = 'tu1'): SDKMessage {
  return {
    type: 'user',
    message: {
      content: [{ type: 'tool_result', tool_use_id: toolUseId, content, is_error: false }],
    },
  } as unknown as SDKMessage;
}

export function successResult(result: string, costUsd = 0, numTurns = 1): SDKMessage {
  return {
    type: 'result',
    subtype: 'success',
    is_error: false,
    result,
    total_cost_usd: costUsd,
    num_turns: numTurns,
    duration_ms: 5,
    usage: {
      input_tokens: 1,
      output_tokens: 1,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    },
    modelUsage: {},
  } as unknown as SDKMessage;
}

/** A Query over `messages` that ignores interrupts. */
export function scriptedQuery(messages: AsyncGenerator<SDKMessage>): Query {
  return Object.assign(messages, { interrupt: async () => undefined }) as unknown as Query;
}
