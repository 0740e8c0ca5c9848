// The person's words as an FTS5 MATCH expression (every word must appear; "quoted words" as one
// phrase; the last word also matches as a prefix, so results come while typing), and the snippet
// of a matching event's text with those words marked.
import type { SnippetPart } from '../../../shared/domain';

export interface SearchTerm {
  /** Lower-case words as the index splits them (letters and digits). */
  words: string[];
  prefix: boolean;
}

/** Characters shown before the first match and after it, at most. */
const BEFORE_CHARS = 60;
const AFTER_CHARS = 160;

const WORD = /[\p{L}\p{N}]+/gu;
/** The shortest word being typed that is matched as a prefix. */
const MIN_PREFIX_CHARS = 3;

export function parseTerms(text: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  let last: { term: SearchTerm; quoted: boolean } | undefined;
  for (const match of text.matchAll(pattern)) {
    const quoted = match[1] !== undefined;
    const words = (match[1] ?? match[2] ?? '').toLowerCase().match(WORD) ?? [];
    if (words.length === 0) continue;
    const term = { words, prefix: false };
    terms.push(term);
    last = { term, quoted };
  }
  // A word still being typed matches what it starts; a closed phrase means exactly itself. One or
  // two letters would start thousands of words, each read from the index: those match whole.
  const lastWord = last?.term.words.at(-1) ?? '';
  if (last && !last.quoted && !/\s$/.test(text) && lastWord.length >= MIN_PREFIX_CHARS)
    last.term.prefix = true;
  return terms;
}

/** Null when the words hold nothing searchable (only punctuation, say). */
export function matchExpression(terms: readonly SearchTerm[]): string | null {
  if (terms.length === 0) return null;
  // Each term is a quoted FTS5 phrase: nothing the person types is read as query syntax.
  return terms.map((term) => `"${term.words.join(' ')}"${term.prefix ? ' *' : ''}`).join(' AND ');
}

/** A window of `body` around its first match, whitespace folded, matched words marked. */
export function snippet(body: string, terms: readonly SearchTerm[]): SnippetPart[] {
  const pattern = highlightPattern(terms);
  const first = pattern ? firstIndex(body, pattern) : -1;
  const start = Math.max(0, first - BEFORE_CHARS);
  const end = Math.min(body.length, Math.max(first, 0) + AFTER_CHARS);
  let window = body.slice(start, end).replace(/\s+/g, ' ');
  if (start > 0) window = '…' + window.replace(/^\S*\s/, '');
  if (end < body.length) window = window.replace(/\s\S*$/, '') + '…';
  if (!pattern) return [{ text: window, match: false }];
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const match of window.matchAll(pattern)) {
    const index = match.index;
    if (index > at) parts.push({ text: window.slice(at, index), match: false });
    parts.push({ text: match[0], match: true });
    at = index + match[0].length;
  }
  if (at < window.length) parts.push({ text: window.slice(at), match: false });
  return parts;
}

function highlightPattern(terms: readonly SearchTerm[]): RegExp | null {
  const alternatives = terms.flatMap((term) =>
    term.words.map((word, index) => {
      const open = term.prefix && index === term.words.length - 1;
      return `${escape(word)}${open ? '[\\p{L}\\p{N}]*' : '(?![\\p{L}\\p{N}])'}`;
    }),
  );
  if (alternatives.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu');
}

function firstIndex(body: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  const found = pattern.exec(body);
  pattern.lastIndex = 0;
  return found ? found.index : -1;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
