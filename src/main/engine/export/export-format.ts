// What every export format is: a small state machine that turns the runs and their events, one at
// a time, into text pieces. Nothing is held beyond the event at hand (and a tool call until its
// output arrives), so a transcript of any length streams out in constant memory.
import type { Run, RunEvent } from '../../../shared/domain';
import type { EXPORT_FORMAT_NAMES } from '../../../shared/schemas';

export type ExportFormat = (typeof EXPORT_FORMAT_NAMES)[number];

export interface ExportWriter {
  /** Before anything: every run being exported, oldest first. */
  start(runs: readonly Run[]): string;
  /** Before the events of one run. */
  runStart(run: Run, turn: number): string;
  event(event: RunEvent): string;
  runEnd(run: Run): string;
  end(): string;
}

export const EXPORT_FILES: Record<ExportFormat, { extension: string; contentType: string }> = {
  markdown: { extension: 'md', contentType: 'text/markdown; charset=utf-8' },
  html: { extension: 'html', contentType: 'text/html; charset=utf-8' },
  json: { extension: 'json', contentType: 'application/json; charset=utf-8' },
};

/** Pending tool calls kept for their output at most; past it the oldest is written without one. */
export const MAX_PENDING_TOOLS = 64;

export type ToolUse = Extract<RunEvent, { type: 'tool_use' }>;
export type ToolResult = Extract<RunEvent, { type: 'tool_result' }>;

/** The one line that says what a tool call did: its command, file, pattern or address. */
export function toolSummary(call: ToolUse): string {
  const input = call.input;
  for (const key of [
    'command',
    'file_path',
    'notebook_path',
    'pattern',
    'url',
    'query',
    'description',
  ]) {
    const value = input[key];
    if (typeof value === 'string' && value.trim()) return value.trim().split('\n')[0] ?? '';
  }
  return '';
}

/**
 * Holds tool calls until their output arrives, so each is written once, call and output together;
 * `flush` hands back what is still waiting (at the end of a run, or past MAX_PENDING_TOOLS).
 */
export class PendingTools {
  private readonly calls = new Map<string, ToolUse>();

  hold(call: ToolUse): ToolUse[] {
    this.calls.set(call.toolUseId, call);
    if (this.calls.size <= MAX_PENDING_TOOLS) return [];
    const [oldest] = this.calls.values();
    if (!oldest) return [];
    this.calls.delete(oldest.toolUseId);
    return [oldest];
  }

  take(result: ToolResult): ToolUse | undefined {
    const call = this.calls.get(result.toolUseId);
    this.calls.delete(result.toolUseId);
    return call;
  }

  flush(): ToolUse[] {
    const waiting = [...this.calls.values()];
    this.calls.clear();
    return waiting;
  }
}

export function formatTime(at: number | null): string {
  return at === null ? '—' : new Date(at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}
