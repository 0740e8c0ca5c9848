// Starts a run's Claude Code session: on the warm spare when the run can use it, otherwise cold
// with query(); either way it says which, for the run's first event.
import type { Options, Query, SDKUserMessage } from '@anthropic-ai/claude-agent-sdk';
import { splitSessionOptions } from './spare-options';
import type { SpareBinding, WarmSpare } from './warm-spare';

export type QueryFunction = (params: {
  prompt: string | AsyncIterable<SDKUserMessage>;
  options?: Options;
}) => Query;

/** The session's input: the prompt, then held open until `end()` (see userInput). */
export interface SessionInput {
  messages: AsyncIterable<SDKUserMessage>;
  end: () => void;
}

export interface LaunchedSession {
  query: Query;
  input: SessionInput;
  warm: boolean;
  /** One sentence for the run's first event: warm, or cold and why. */
  note: string;
}

export async function launchSession(params: {
  query: QueryFunction;
  spare: WarmSpare | undefined;
  options: Options;
  prompt: string;
  binding: Omit<SpareBinding, 'canUseTool' | 'hooks'>;
}): Promise<LaunchedSession> {
  const { options, prompt } = params;
  let reason = 'the warm process is not in use';
  const split = splitSessionOptions(options);
  if (params.spare && split.ok && options.canUseTool) {
    const input = userInput(prompt);
    const outcome = await params.spare.claim({
      host: split.host,
      claim: split.claim,
      prompt: input.messages,
      binding: { ...params.binding, canUseTool: options.canUseTool, hooks: options.hooks },
    });
    if (outcome.warm) {
      const parked =
        outcome.parkedMs === null ? '' : ` (parked ${Math.round(outcome.parkedMs / 1000)} s)`;
      const note = outcome.note ? `; ${outcome.note}` : '';
      return {
        query: outcome.query,
        input,
        warm: true,
        note: `Started on the warm Claude Code process${parked}${note}.`,
      };
    }
    input.end();
    reason = outcome.reason;
  } else if (params.spare && !split.ok) {
    reason = split.reason;
  }
  const input = userInput(prompt);
  return {
    query: params.query({ prompt: input.messages, options }),
    input,
    warm: false,
    note: `Started cold: ${reason}.`,
  };
}

/**
 * The session's input as a stream: the prompt, then held open until the result arrives, so the
 * session stays interruptible (control requests need streaming input).
 */
export function userInput(prompt: string): SessionInput {
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  async function* messages(): AsyncGenerator<SDKUserMessage> {
    yield {
      type: 'user',
      message: { role: 'user', content: prompt },
      parent_tool_use_id: null,
    };
    await ended;
  }
  return { messages: messages(), end };
}
