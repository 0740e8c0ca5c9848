// Turns a run's events into what the transcript shows: text blocks joined by blockId, each tool
// call matched with its result (and its approval) by toolUseId, and plain-words notes for the rest.
import type { ApprovalKind, McpServerState, RunEvent, RunStatus } from '../../../../shared/domain';

export interface ToolResultView {
  content: string;
  isError: boolean;
}

export type TranscriptItem =
  | { kind: 'prompt'; key: string; text: string; files: string[] }
  | { kind: 'text'; key: string; blockId: string; text: string }
  | { kind: 'thinking'; key: string; blockId: string; text: string }
  | {
      kind: 'tool';
      key: string;
      toolUseId: string;
      name: string;
      input: Record<string, unknown>;
      result: ToolResultView | null;
      approvalIds: string[];
      /** When the call was made and when its result came back (ms), for its duration. */
      startedAt: number;
      endedAt: number | null;
    }
  | {
      kind: 'approval';
      key: string;
      approvalId: string;
      approvalKind: ApprovalKind;
      toolName: string;
    }
  | { kind: 'session'; key: string; model: string; cwd: string; version: string }
  /** The session's MCP servers; a settled report replaces the first one of the same session. */
  | { kind: 'mcp'; key: string; servers: McpServerState[] }
  | {
      kind: 'retry';
      key: string;
      attempt: number;
      maxRetries: number;
      delayMs: number;
      error: string;
    }
  | {
      kind: 'result';
      key: string;
      isError: boolean;
      /** The person stopped the run; Claude Code reports that as an error, but it is not one. */
      stopped: boolean;
      subtype: string;
      costUsd: number;
      numTurns: number;
      durationMs: number;
    }
  | { kind: 'error'; key: string; message: string }
  | { kind: 'stalled'; key: string; minutes: number }
  | { kind: 'status'; key: string; status: RunStatus; message: string | undefined };

type ToolItem = Extract<TranscriptItem, { kind: 'tool' }>;
interface ToolSlot {
  item: ToolItem;
  index: number;
}

/** Status changes worth a line: the rest show in the header or as the result. */
const NOTED_STATUSES: readonly RunStatus[] = ['cancelled', 'interrupted', 'failed'];

/**
 * @param approvalToolUse which tool call each known approval belongs to (approvalId → toolUseId),
 *   so a request shows inside its tool card instead of on its own.
 */
export function buildTranscript(
  events: readonly RunEvent[],
  approvalToolUse: ReadonlyMap<string, string | null>,
): TranscriptItem[] {
  const items: TranscriptItem[] = [];
  const tools = new Map<string, ToolSlot>();

  for (const event of events) {
    const key = `e${event.seq}`;
    switch (event.type) {
      case 'prompt':
        items.push({ kind: 'prompt', key, text: event.text, files: event.files });
        break;
      case 'text':
      case 'thinking': {
        const last = items.at(-1);
        if (last && last.kind === event.type && last.blockId === event.blockId) {
          items[items.length - 1] = { ...last, text: last.text + event.text };
        } else {
          items.push({ kind: event.type, key, blockId: event.blockId, text: event.text });
        }
        break;
      }
      case 'tool_use': {
        const item: ToolItem = {
          kind: 'tool',
          key,
          toolUseId: event.toolUseId,
          name: event.name,
          input: event.input,
          result: null,
          approvalIds: [],
          startedAt: event.ts,
          endedAt: null,
        };
        tools.set(event.toolUseId, { item, index: items.length });
        items.push(item);
        break;
      }
      case 'tool_result':
        attachToTool(items, tools, event.toolUseId, (tool) => ({
          ...tool,
          result: { content: event.content, isError: event.isError },
          endedAt: event.ts,
        }));
        break;
      case 'approval': {
        const toolUseId = approvalToolUse.get(event.approvalId);
        const attached =
          toolUseId != null &&
          attachToTool(items, tools, toolUseId, (tool) => ({
            ...tool,
            approvalIds: [...tool.approvalIds, event.approvalId],
          }));
        if (!attached) {
          items.push({
            kind: 'approval',
            key: event.approvalId,
            approvalId: event.approvalId,
            approvalKind: event.kind,
            toolName: event.toolName,
          });
        }
        break;
      }
      case 'session':
        items.push({
          kind: 'session',
          key,
          model: event.model,
          cwd: event.cwd,
          version: event.claudeCodeVersion,
        });
        break;
      case 'mcp_servers': {
        const earlier = items.findLastIndex((item) => item.kind === 'mcp');
        const sameSession =
          earlier >= 0 && !items.slice(earlier).some((item) => item.kind === 'session');
        const previous = sameSession ? items[earlier] : undefined;
        if (previous) items[earlier] = { kind: 'mcp', key: previous.key, servers: event.servers };
        else items.push({ kind: 'mcp', key, servers: event.servers });
        break;
      }
      case 'retry':
        items.push({
          kind: 'retry',
          key,
          ...pick(event, ['attempt', 'maxRetries', 'delayMs', 'error']),
        });
        break;
      case 'result':
        items.push({
          kind: 'result',
          key,
          ...pick(event, ['isError', 'subtype', 'costUsd', 'numTurns', 'durationMs']),
          stopped: false,
        });
        break;
      case 'error':
        items.push({ kind: 'error', key, message: event.message });
        break;
      case 'stalled':
        items.push({ kind: 'stalled', key, minutes: event.minutes });
        break;
      case 'status':
        if (event.status === 'cancelled' && markStopped(items)) break;
        if (
          NOTED_STATUSES.includes(event.status) &&
          !(event.status === 'failed' && lastIsError(items))
        ) {
          items.push({ kind: 'status', key, status: event.status, message: event.message });
        }
        break;
      case 'approval_decided':
        // The approval itself carries the decision; its card shows it.
        break;
    }
  }
  return items;
}

/** Replaces the tool item in place (items are immutable so rows know when to redraw). */
function attachToTool(
  items: TranscriptItem[],
  tools: Map<string, ToolSlot>,
  toolUseId: string,
  change: (tool: ToolItem) => ToolItem,
): boolean {
  const slot = tools.get(toolUseId);
  if (!slot) return false;
  slot.item = change(slot.item);
  items[slot.index] = slot.item;
  return true;
}

/** A result just before "cancelled" is the stop itself: it reads as stopped, not as an error. */
function markStopped(items: TranscriptItem[]): boolean {
  const last = items.at(-1);
  if (last?.kind !== 'result') return false;
  items[items.length - 1] = { ...last, isError: false, stopped: true };
  return true;
}

function lastIsError(items: TranscriptItem[]): boolean {
  const last = items.at(-1);
  return last?.kind === 'error';
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = source[key];
  return out;
}

/** What a `stalled` row says (and what find searches in it). */
export function stalledText(minutes: number): string {
  return `No sign of life for ${minutes} min: flagged as stalled (Settings → Runs).`;
}
