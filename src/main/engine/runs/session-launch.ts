// Starts a run's Claude Code session: on the warm spare when the run can use it, otherwise cold
// with query(); either way it says which, for the run's first event.
import type {
  McpServerConfig,
  Options,
  Query,
  SDKUserMessage,
} from '@anthropic-ai/claude-agent-sdk';
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
  /**
   * Switchboard's own in-process servers: part of a cold start's options; a warm process, whose
   * options were fixed before the run, is given them right after the claim.
   */
  ownServers?: Record<string, McpServerConfig>;
  prompt: string;
  binding: Omit<SpareBinding, 'canUseTool' | 'hooks'>;
}): Promise<LaunchedSession> {
  const { options, prompt } = params;
  const ownServers = params.ownServers ?? {};
  let reason = 'the warm process is not in use';
  const split = splitSessionOptions(options);
  if (params.spare && split.ok && options.canUseTool) {
    // The prompt waits until the claimed process has Switchboard's servers, so the agent's
    // first turn already offers their tools.
    let serversReady: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (serversReady = resolve));
    const input = userInput(prompt, gate);
    const outcome = await params.spare.claim({
      host: split.host,
      claim: split.claim,
      prompt: input.messages,
      binding: { ...params.binding, canUseTool: options.canUseTool, hooks: options.hooks },
    });
    if (outcome.warm) {
      const added = await addServers(outcome.query, ownServers);
      serversReady();
      const parked =
        outcome.parkedMs === null ? '' : ` (parked ${Math.round(outcome.parkedMs / 1000)} s)`;
      const note = [outcome.note, added].filter(Boolean).join('; ');
      return {
        query: outcome.query,
        input,
        warm: true,
        note: `Started on the warm Claude Code process${parked}${note ? `; ${note}` : ''}.`,
      };
    }
    input.end();
    reason = outcome.reason;
  } else if (params.spare && !split.ok) {
    reason = split.reason;
  }
  const input = userInput(prompt);
  const mcpServers = { ...options.mcpServers, ...ownServers };
  return {
    query: params.query({
      prompt: input.messages,
      options: Object.keys(mcpServers).length > 0 ? { ...options, mcpServers } : options,
    }),
    input,
    warm: false,
    note: `Started cold: ${reason}.`,
  };
}

/** Gives a claimed warm session Switchboard's servers; says so when it could not. */
async function addServers(
  query: Query,
  servers: Record<string, McpServerConfig>,
): Promise<string | null> {
  if (Object.keys(servers).length === 0) return null;
  try {
    const result = await query.setMcpServers(servers);
    const failed = Object.keys(result.errors);
    return failed.length > 0
      ? `Switchboard's own tools could not be added (${failed.join(', ')})`
      : null;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Switchboard's own tools could not be added (${reason})`;
  }
}

/**
 * The session's input as a stream: the prompt, then held open until the result arrives, so the
 * session stays interruptible (control requests need streaming input).
 */
export function userInput(prompt: string, before?: Promise<void>): SessionInput {
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  async function* messages(): AsyncGenerator<SDKUserMessage> {
    // Ended before it was sent (a claim that fell through): nothing is sent.
    if (before && !(await Promise.race([before.then(() => true), ended.then(() => false)]))) return;
    yield {
      type: 'user',
      message: { role: 'user', content: prompt },
      parent_tool_use_id: null,
    };
    await ended;
  }
  return { messages: messages(), end };
}
