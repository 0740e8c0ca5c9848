// Markdown export: each turn's prompt, the answer as written (it is Markdown already), tool calls
// folded in <details> with their input and output in fences, errors and the result line.
import type { Run, RunEvent } from '../../../shared/domain';
import {
  formatTime,
  PendingTools,
  toolSummary,
  type ExportWriter,
  type ToolResult,
  type ToolUse,
} from './export-format';

export function markdownWriter(): ExportWriter {
  const tools = new PendingTools();
  let block: string | null = null;
  const endBlock = () => {
    const was = block;
    block = null;
    return was === null ? '' : '\n\n';
  };
  return {
    start: (runs: readonly Run[]) => {
      const first = runs[0];
      const title = first ? first.taskTitle : 'Transcript';
      return `# ${title}\n\n${runs.length} turn${runs.length === 1 ? '' : 's'} · exported from Switchboard\n\n`;
    },
    runStart: (run: Run, turn: number) =>
      `## Turn ${turn} · ${formatTime(run.createdAt)} · ${run.status}\n\n`,
    event(event: RunEvent) {
      switch (event.type) {
        case 'text':
        case 'thinking': {
          const opening = block !== event.blockId;
          const before = opening ? endBlock() : '';
          block = event.blockId;
          const head = opening && event.type === 'thinking' ? '> _Thinking:_ ' : '';
          return before + head + event.text;
        }
        case 'tool_use':
          return (
            endBlock() +
            tools
              .hold(event)
              .map((call) => toolMarkdown(call))
              .join('')
          );
        case 'tool_result':
          return endBlock() + toolMarkdown(tools.take(event), event);
        default:
          return endBlock() + otherMarkdown(event);
      }
    },
    runEnd: () =>
      endBlock() +
      tools
        .flush()
        .map((call) => toolMarkdown(call))
        .join(''),
    end: () => '',
  };
}

function otherMarkdown(event: RunEvent): string {
  switch (event.type) {
    case 'prompt':
      return `**Prompt**\n\n${quote(event.text)}\n\n${event.files.map((f) => `- \`${f}\`\n`).join('')}`;
    case 'error':
      return `> **Error:** ${event.message}\n\n`;
    case 'retry':
      return `_Retry ${event.attempt} of ${event.maxRetries}: ${event.error}_\n\n`;
    case 'approval_decided':
      return `_${event.decision === 'allow' ? 'Allowed' : 'Denied'}${event.message ? `: ${event.message}` : ''}_\n\n`;
    case 'result':
      return `_Finished (${event.subtype}) after ${event.numTurns} turns, $${event.costUsd.toFixed(2)}_\n\n`;
    case 'status':
      return event.message ? `_${event.status}: ${event.message}_\n\n` : '';
    case 'stalled':
      return `_No sign of life for ${event.minutes} min_\n\n`;
    default:
      return '';
  }
}

function toolMarkdown(call: ToolUse | undefined, result?: ToolResult): string {
  const name = call?.name ?? 'Tool';
  const summary = call ? toolSummary(call) : '';
  const state = result === undefined ? 'no output' : result.isError ? 'error' : 'ok';
  const parts = [
    `<details><summary>${escapeHtml(name)}${summary ? ` <code>${escapeHtml(summary)}</code>` : ''} · ${state}</summary>\n\n`,
  ];
  if (call) parts.push(fence(JSON.stringify(call.input, null, 2), 'json'));
  if (result) parts.push(fence(result.content, ''));
  parts.push('</details>\n\n');
  return parts.join('');
}

/** A code fence longer than any run of backticks inside, so no content can close it. */
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text}\n${ticks}\n\n`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
