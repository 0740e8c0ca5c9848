// Turns Claude Code's SDK messages into Switchboard's RunEvents. Streamed text deltas are buffered
// and released by flush() (the runner calls it on a short timer), so storage holds a few chunks per
// block instead of one row per token while the panel still sees text as it arrives.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import type { RunEvent } from '../../../shared/domain';
import { isRecord, type DistributiveOmit } from '../../../shared/typing';
import { statesFromInit } from '../equipment/mcp-status';

export type EventDraft = DistributiveOmit<RunEvent, 'runId' | 'seq' | 'ts'>;

/** Tool output beyond this is cut: the transcript is for reading, the files hold the data. */
export const MAX_TOOL_RESULT_CHARS = 100_000;
/** A buffered block is released at this size even before the timer fires. */
const MAX_BUFFERED_CHARS = 4_000;

interface PendingBlock {
  kind: 'text' | 'thinking';
  blockId: string;
  text: string;
}

export class TranscriptNormalizer {
  private currentMessageId = '';
  /** Messages whose content already arrived as stream events; their full copy is not repeated. */
  private readonly streamedMessages = new Set<string>();
  private readonly blockKinds = new Map<number, 'text' | 'thinking' | 'other'>();
  private pending: PendingBlock[] = [];

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Releases buffered text, oldest first. */
  flush(): EventDraft[] {
    const drafts = this.pending
      .filter((block) => block.text.length > 0)
      .map((block): EventDraft => ({ type: block.kind, blockId: block.blockId, text: block.text }));
    this.pending = [];
    return drafts;
  }

  push(message: SDKMessage): EventDraft[] {
    switch (message.type) {
      case 'stream_event':
        return this.onStreamEvent(message.event);
      case 'assistant': {
        const drafts = [
          ...this.flush(),
          ...this.onAssistant(message.message.id, message.message.content),
        ];
        if (message.error)
          drafts.push({ type: 'error', message: describeApiError(message.error, null) });
        return drafts;
      }
      case 'user':
        return [...this.flush(), ...toolResults(message.message.content)];
      case 'system':
        return systemEvents(message);
      case 'result':
        return [
          ...this.flush(),
          {
            type: 'result',
            subtype: message.subtype,
            isError: message.is_error,
            // The answer is already in the transcript as text and kept once more in the run's
            // `result` (its summary); a third copy here only made transcripts heavier.
            result: null,
            costUsd: message.total_cost_usd,
            numTurns: message.num_turns,
            durationMs: message.duration_ms,
          },
        ];
      default:
        return [];
    }
  }

  private onStreamEvent(event: StreamEvent): EventDraft[] {
    switch (event.type) {
      case 'message_start':
        this.currentMessageId = event.message.id;
        this.streamedMessages.add(event.message.id);
        this.blockKinds.clear();
        return [];
      case 'content_block_start': {
        const kind = event.content_block.type;
        this.blockKinds.set(event.index, kind === 'text' || kind === 'thinking' ? kind : 'other');
        return [];
      }
      case 'content_block_delta': {
        const delta = event.delta;
        if (delta.type === 'text_delta') return this.buffer('text', event.index, delta.text);
        if (delta.type === 'thinking_delta')
          return this.buffer('thinking', event.index, delta.thinking);
        return [];
      }
      case 'content_block_stop':
        return this.blockKinds.get(event.index) === 'other' ? [] : this.flush();
      default:
        return [];
    }
  }

  private buffer(kind: 'text' | 'thinking', index: number, text: string): EventDraft[] {
    const blockId = `${this.currentMessageId}:${index}`;
    const last = this.pending.at(-1);
    if (last?.blockId === blockId) last.text += text;
    else this.pending.push({ kind, blockId, text });
    const size = this.pending.reduce((sum, block) => sum + block.text.length, 0);
    return size >= MAX_BUFFERED_CHARS ? this.flush() : [];
  }

  private onAssistant(messageId: string, content: readonly ContentBlock[]): EventDraft[] {
    const streamed = this.streamedMessages.has(messageId);
    const drafts: EventDraft[] = [];
    content.forEach((block, index) => {
      if (block.type === 'tool_use') {
        drafts.push({
          type: 'tool_use',
          toolUseId: block.id,
          name: block.name,
          input: isRecord(block.input) ? block.input : {},
        });
      } else if (!streamed && block.type === 'text' && block.text) {
        // Not streamed (an API error Claude Code reports as a message, say): show it whole.
        drafts.push({ type: 'text', blockId: `${messageId}:${index}`, text: block.text });
      } else if (!streamed && block.type === 'thinking' && block.thinking) {
        drafts.push({ type: 'thinking', blockId: `${messageId}:${index}`, text: block.thinking });
      }
    });
    return drafts;
  }
}

/** The system messages that belong in the transcript: the session start and API retries. */
function systemEvents(message: Extract<SDKMessage, { type: 'system' }>): EventDraft[] {
  switch (message.subtype) {
    case 'init':
      return [
        {
          type: 'session',
          sessionId: message.session_id,
          model: message.model,
          cwd: message.cwd,
          tools: message.tools,
          claudeCodeVersion: message.claude_code_version,
          permissionMode: message.permissionMode,
        },
        ...mcpServersEvent(statesFromInit(message)),
      ];
    case 'api_retry':
      // In the order the transcript reads them: what failed, then when and which attempt.
      return [
        {
          type: 'retry',
          error: describeApiError(message.error, message.error_status),
          delayMs: message.retry_delay_ms,
          attempt: message.attempt,
          maxRetries: message.max_retries,
        },
      ];
    default:
      return [];
  }
}

/** The session's MCP servers, when it has any. */
function mcpServersEvent(servers: ReturnType<typeof statesFromInit>): EventDraft[] {
  return servers.length > 0 ? [{ type: 'mcp_servers', servers }] : [];
}

type StreamEvent = Extract<SDKMessage, { type: 'stream_event' }>['event'];
type ContentBlock = Extract<SDKMessage, { type: 'assistant' }>['message']['content'][number];

function toolResults(content: unknown): EventDraft[] {
  if (!Array.isArray(content)) return [];
  const drafts: EventDraft[] = [];
  for (const block of content as unknown[]) {
    if (!isRecord(block) || block.type !== 'tool_result') continue;
    drafts.push({
      type: 'tool_result',
      toolUseId: typeof block.tool_use_id === 'string' ? block.tool_use_id : '',
      // Cut to MAX_TOOL_RESULT_CHARS only when recorded, after secrets are redacted: a cut made
      // first could leave the start of a secret that redaction no longer recognises.
      content: flattenToolContent(block.content),
      isError: block.is_error === true,
    });
  }
  return drafts;
}

export function flattenToolContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as unknown[])
    .map((part) => {
      if (!isRecord(part)) return '';
      if (part.type === 'text' && typeof part.text === 'string') return part.text;
      if (part.type === 'image') return '[image]';
      return '';
    })
    .join('\n');
}

/** Tool output as it is kept: at most MAX_TOOL_RESULT_CHARS, with a note of what was cut. */
export function limitToolResult(text: string): string {
  if (text.length <= MAX_TOOL_RESULT_CHARS) return text;
  const dropped = text.length - MAX_TOOL_RESULT_CHARS;
  return `${text.slice(0, MAX_TOOL_RESULT_CHARS)}\n… (${dropped.toLocaleString('en')} more characters not kept)`;
}

const API_ERROR_WORDS: Record<string, string> = {
  authentication_failed: 'the API key or login was rejected',
  rate_limit: 'rate limited by the API',
  overloaded: 'the API is overloaded',
  server_error: 'the API had a server error',
  billing_error: 'a billing problem on the account',
  model_not_found: 'the model was not found',
  invalid_request: 'the API rejected the request',
};

export function describeApiError(code: string, status: number | null): string {
  const words = API_ERROR_WORDS[code] ?? code.replaceAll('_', ' ');
  return status === null ? words : `${words} (HTTP ${status})`;
}
