// Long answers as transcript rows: a text block past a size limit becomes one folded row (its first
// and last lines, "Show all", Copy), or, shown all, one row per chunk of lines, so the virtualised
// list only ever draws the chunks near the viewport and Markdown never parses megabytes at once.
import { chunkLines, countLines } from '../../components/text-lines';
import type { TranscriptItem } from './transcript-model';

/** Past either limit a text block is "long": Markdown of it would block the page. */
export const LONG_TEXT_LINES = 200;
export const LONG_TEXT_CHARS = 20_000;
/** Lines per drawn chunk once shown all (a chunk is one <pre>: one text node). */
export const CHUNK_LINES = 100;
const CHUNK_MAX_CHARS = 20_000;

type TextItem = Extract<TranscriptItem, { kind: 'text' }>;

export type TranscriptRowItem =
  | TranscriptItem
  | {
      kind: 'long-text';
      key: string;
      blockId: string;
      text: string;
      lineCount: number;
      expanded: boolean;
    }
  | { kind: 'text-chunk'; key: string; blockId: string; text: string; last: boolean };

export function isLongText(text: string): boolean {
  if (text.length > LONG_TEXT_CHARS) return true;
  // Counting is cheap, but only worth doing for texts that could pass the line limit.
  return text.length > LONG_TEXT_LINES && countLines(text) > LONG_TEXT_LINES;
}

/** @param expanded blockIds of long texts the person chose to see in full. */
export function withLongTexts(
  items: readonly TranscriptItem[],
  expanded: ReadonlySet<string>,
): TranscriptRowItem[] {
  if (!items.some((item) => item.kind === 'text' && isLongText(item.text))) return [...items];
  const rows: TranscriptRowItem[] = [];
  for (const item of items) {
    if (item.kind !== 'text' || !isLongText(item.text)) rows.push(item);
    else rows.push(...longTextRows(item, expanded.has(item.blockId)));
  }
  return rows;
}

function longTextRows(item: TextItem, expanded: boolean): TranscriptRowItem[] {
  const head: TranscriptRowItem = {
    kind: 'long-text',
    key: item.key,
    blockId: item.blockId,
    text: item.text,
    lineCount: countLines(item.text),
    expanded,
  };
  if (!expanded) return [head];
  const chunks = chunkLines(item.text, CHUNK_LINES, CHUNK_MAX_CHARS);
  return [
    head,
    ...chunks.map((text, index): TranscriptRowItem => ({
      kind: 'text-chunk',
      key: `${item.key}:${index}`,
      blockId: item.blockId,
      text,
      last: index === chunks.length - 1,
    })),
  ];
}
