// Find in transcript, on the data rather than the page: every item's readable text is searched
// (rows virtualised out of the page, folded long answers and closed tool cards included), and a
// match is then placed on the row that shows it once that row is drawn.
import type { TranscriptRowItem } from './long-text-rows';
import { mcpServersText } from './mcp-servers-text';
import { isLongText } from './long-text-rows';
import { stalledText, type TranscriptItem } from './transcript-model';

/** Past this many matches the count reads "5000+": enough to step through, cheap to hold. */
export const MAX_MATCHES = 5_000;

export interface FindMatch {
  /** The item's key (a long answer's chunks are keyed after it). */
  key: string;
  /** The nth match within the item's text. */
  nth: number;
  /** What must open for the match to be drawn. */
  reveal: { longText: string } | { tool: string } | { thinking: true } | null;
}

const lowered = new WeakMap<TranscriptItem, string>();

/** What a person reads in an item, as one string (what its row shows, in the same order). */
export function searchableText(item: TranscriptItem): string {
  switch (item.kind) {
    case 'prompt':
      return [item.text, ...item.files].join('\n');
    case 'text':
    case 'thinking':
      return item.text;
    case 'tool':
      return [item.name, ...stringValues(item.input), item.result?.content ?? ''].join('\n');
    case 'session':
      return `Claude Code ${item.version} started with ${item.model} in ${item.cwd}`;
    case 'mcp':
      return mcpServersText(item.servers);
    case 'retry':
      return item.error;
    case 'error':
      return `Error: ${item.message}`;
    case 'stalled':
      return stalledText(item.minutes);
    case 'status':
      return item.message ?? '';
    case 'approval':
    case 'result':
      return '';
  }
}

function stringValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringValues);
  if (value !== null && typeof value === 'object')
    return Object.values(value).flatMap(stringValues);
  return [];
}

function loweredText(item: TranscriptItem): string {
  let text = lowered.get(item);
  if (text === undefined) {
    text = searchableText(item).toLowerCase();
    lowered.set(item, text);
  }
  return text;
}

export function countOccurrences(haystack: string, needle: string, limit = Infinity): number {
  if (needle === '') return 0;
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1 && count < limit;) {
    count++;
    at = haystack.indexOf(needle, at + needle.length);
  }
  return count;
}

export function findMatches(items: readonly TranscriptItem[], query: string): FindMatch[] {
  const needle = query.toLowerCase();
  const matches: FindMatch[] = [];
  if (needle.trim() === '') return matches;
  for (const item of items) {
    const count = countOccurrences(loweredText(item), needle, MAX_MATCHES - matches.length);
    if (count === 0) continue;
    const reveal = revealFor(item);
    for (let nth = 0; nth < count; nth++) matches.push({ key: item.key, nth, reveal });
    if (matches.length >= MAX_MATCHES) break;
  }
  return matches;
}

function revealFor(item: TranscriptItem): FindMatch['reveal'] {
  if (item.kind === 'text' && isLongText(item.text)) return { longText: item.blockId };
  if (item.kind === 'tool') return { tool: item.toolUseId };
  if (item.kind === 'thinking') return { thinking: true };
  return null;
}

/**
 * The row that shows a match, and which match it is within that row: a long answer shown in full
 * is drawn as chunks after its head row, so its matches are counted chunk by chunk.
 */
export function rowOfMatch(
  rows: readonly TranscriptRowItem[],
  match: FindMatch,
  query: string,
): { index: number; nth: number } | null {
  const index = rows.findIndex((row) => row.key === match.key);
  if (index === -1) return null;
  const head = rows[index];
  if (head?.kind !== 'long-text' || !head.expanded) return { index, nth: match.nth };
  const needle = query.toLowerCase();
  let left = match.nth;
  for (let at = index + 1; at < rows.length; at++) {
    const row = rows[at];
    if (row?.kind !== 'text-chunk' || row.blockId !== head.blockId) break;
    const count = countOccurrences(row.text.toLowerCase(), needle);
    if (left < count) return { index: at, nth: left };
    left -= count;
  }
  // A match across a chunk boundary has no single row: show the end of the answer.
  return { index, nth: 0 };
}

/**
 * The last match in an item that starts at or before the event `seq` (items are keyed `e<seq>` by
 * their first event; a tool's output belongs to the card its call opened), or -1.
 */
export function lastMatchUpTo(matches: readonly FindMatch[], seq: number): number {
  let found = -1;
  let foundSeq = -1;
  matches.forEach((match, index) => {
    const start = Number(/^e(\d+)/.exec(match.key)?.[1] ?? NaN);
    // The first match of the nearest item, not its last.
    if (start <= seq && start > foundSeq) {
      found = index;
      foundSeq = start;
    }
  });
  return found;
}
