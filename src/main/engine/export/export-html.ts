// HTML export: one self-contained file that reads well offline. Its own styles inline, no script,
// and a policy that forbids every load, so opening it reaches no network. Answers read as the
// panel shows them (Markdown, each answer held until it ends: one answer at a time in memory);
// tool calls are folded (<details>) with their input and output; thinking keeps its line breaks.
import type { Run, RunEvent } from '../../../shared/domain';
import {
  formatTime,
  PendingTools,
  toolSummary,
  type ExportWriter,
  type ToolResult,
  type ToolUse,
} from './export-format';
import { escapeHtml as esc, markdownToHtml } from './export-markdown-html';

const STYLE = `
:root { color-scheme: light dark; --muted: #5d6472; --border: #dcdfe5; --code: #f3f4f7; --accent: #2f5fd0; }
@media (prefers-color-scheme: dark) { :root { --muted: #9aa2b1; --border: #323843; --code: #23272f; --accent: #7aa2ff; } }
body { font: 15px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, sans-serif; max-width: 920px; margin: 32px auto; padding: 0 20px; }
h1 { font-size: 1.5rem; margin-bottom: 4px; }
.meta, .note { color: var(--muted); font-size: 0.9rem; }
section.turn { border-top: 1px solid var(--border); margin-top: 28px; padding-top: 8px; }
section.turn > h2 { font-size: 1.1rem; }
.prompt { border-left: 3px solid var(--accent); padding: 4px 12px; margin: 12px 0; white-space: pre-wrap; }
.answer { white-space: pre-wrap; margin: 12px 0; }
.markdown { margin: 12px 0; }
.markdown table { border-collapse: collapse; }
.markdown th, .markdown td { border: 1px solid var(--border); padding: 4px 8px; }
.markdown blockquote { border-left: 3px solid var(--border); margin: 8px 0; padding: 0 12px; color: var(--muted); }
.markdown :not(pre) > code { background: var(--code); border-radius: 4px; padding: 1px 4px; font: 0.9em ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace; }
details { border: 1px solid var(--border); border-radius: 8px; margin: 8px 0; padding: 6px 10px; }
summary { cursor: pointer; }
summary code { color: var(--muted); }
pre { background: var(--code); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.45 ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace; }
.error { color: #c0392b; }
.state-error { color: #c0392b; }
.state-ok { color: #1e7d45; }
`;

export function htmlWriter(exportedAt: number): ExportWriter {
  const tools = new PendingTools();
  let block: { id: string; kind: 'text' | 'thinking' } | null = null;
  /** The answer being read, rendered once it ends (Markdown needs the whole of it). */
  let answer: string[] = [];
  const endBlock = () => {
    const was = block;
    block = null;
    if (was === null) return '';
    if (was.kind === 'thinking') return '</div></details>\n';
    const text = answer.join('');
    answer = [];
    return `<div class="markdown">${markdownToHtml(text)}</div>\n`;
  };
  return {
    start(runs: readonly Run[]) {
      const title = runs[0]?.taskTitle ?? 'Transcript';
      return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">' +
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        `<title>${esc(title)}</title><style>${STYLE}</style></head><body>\n` +
        `<h1>${esc(title)}</h1>\n<p class="meta">${runs.length} turn${runs.length === 1 ? '' : 's'} · exported from Switchboard ${esc(formatTime(exportedAt))}</p>\n`
      );
    },
    runStart: (run: Run, turn: number) =>
      `<section class="turn"><h2>Turn ${turn}</h2><p class="meta">${esc(formatTime(run.createdAt))} · ${esc(run.status)} · $${run.costUsd.toFixed(2)}</p>\n`,
    event(event: RunEvent) {
      switch (event.type) {
        case 'text':
        case 'thinking': {
          let before = '';
          if (block?.id !== event.blockId) {
            before = endBlock();
            block = { id: event.blockId, kind: event.type };
            if (event.type === 'thinking')
              before += '<details class="thinking"><summary>Thinking</summary><div class="answer">';
          }
          if (event.type === 'text') {
            answer.push(event.text);
            return before;
          }
          return before + esc(event.text);
        }
        case 'tool_use':
          return (
            endBlock() +
            tools
              .hold(event)
              .map((call) => toolHtml(call))
              .join('')
          );
        case 'tool_result':
          return endBlock() + toolHtml(tools.take(event), event);
        default:
          return endBlock() + otherHtml(event);
      }
    },
    runEnd: () =>
      endBlock() +
      tools
        .flush()
        .map((call) => toolHtml(call))
        .join('') +
      '</section>\n',
    end: () => '</body></html>\n',
  };
}

function otherHtml(event: RunEvent): string {
  switch (event.type) {
    case 'prompt':
      return (
        `<div class="prompt">${esc(event.text)}</div>\n` +
        event.files.map((file) => `<p class="note">File: ${esc(file)}</p>\n`).join('')
      );
    case 'session':
      return `<p class="note">Claude Code ${esc(event.claudeCodeVersion)} with ${esc(event.model)} in ${esc(event.cwd)}</p>\n`;
    case 'error':
      return `<p class="error">Error: ${esc(event.message)}</p>\n`;
    case 'retry':
      return `<p class="note">Retry ${event.attempt} of ${event.maxRetries}: ${esc(event.error)}</p>\n`;
    case 'approval_decided':
      return `<p class="note">${event.decision === 'allow' ? 'Allowed' : 'Denied'}${event.message ? `: ${esc(event.message)}` : ''}</p>\n`;
    case 'result':
      return `<p class="note">Finished (${esc(event.subtype)}) after ${event.numTurns} turns · $${event.costUsd.toFixed(2)}</p>\n`;
    case 'status':
      return event.message
        ? `<p class="note">${esc(event.status)}: ${esc(event.message)}</p>\n`
        : '';
    case 'stalled':
      return `<p class="note">No sign of life for ${event.minutes} min</p>\n`;
    default:
      return '';
  }
}

function toolHtml(call: ToolUse | undefined, result?: ToolResult): string {
  const summary = call ? toolSummary(call) : '';
  const state = result === undefined ? 'no output' : result.isError ? 'error' : 'ok';
  return (
    `<details class="tool"><summary><b>${esc(call?.name ?? 'Tool')}</b>` +
    (summary ? ` <code>${esc(summary)}</code>` : '') +
    ` · <span class="state-${state === 'no output' ? 'none' : state}">${state}</span></summary>` +
    (call ? `<pre>${esc(JSON.stringify(call.input, null, 2))}</pre>` : '') +
    (result ? `<pre>${esc(result.content)}</pre>` : '') +
    '</details>\n'
  );
}
