// Line arithmetic on big strings without splitting them whole: counts, the first and last lines,
// and fixed-size chunks, each found with indexOf so a 2 MB answer costs milliseconds.

export function countLines(text: string): number {
  let count = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** The first `lines` lines (at most `maxChars`), and where they end. */
export function headLines(text: string, lines: number, maxChars: number): string {
  let end = -1;
  for (let i = 0; i < lines; i++) {
    const next = text.indexOf('\n', end + 1);
    if (next === -1) return clipEnd(text, maxChars);
    end = next;
  }
  return clipEnd(text.slice(0, end), maxChars);
}

/** The last `lines` lines (at most `maxChars`). */
export function tailLines(text: string, lines: number, maxChars: number): string {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  let start = body.length;
  for (let i = 0; i < lines; i++) {
    const previous = body.lastIndexOf('\n', start - 1);
    if (previous === -1) return clipStart(body, maxChars);
    start = previous;
  }
  return clipStart(body.slice(start + 1), maxChars);
}

/** Chunks of `linesPerChunk` lines; a chunk past `maxChars` (very long lines) is cut further. */
export function chunkLines(text: string, linesPerChunk: number, maxChars: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start - 1;
    for (let i = 0; i < linesPerChunk; i++) {
      const next = text.indexOf('\n', end + 1);
      if (next === -1) {
        end = text.length;
        break;
      }
      end = next;
    }
    const stop = Math.min(end, start + maxChars);
    chunks.push(text.slice(start, stop));
    start = stop === end ? end + 1 : stop;
  }
  return chunks;
}

export function formatBytes(chars: number): string {
  if (chars < 1_000) return `${chars} characters`;
  if (chars < 1_000_000) return `${Math.round(chars / 1_000)} kB`;
  return `${(chars / 1_000_000).toFixed(1)} MB`;
}

function clipEnd(text: string, maxChars: number): string {
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}

function clipStart(text: string, maxChars: number): string {
  return text.length > maxChars ? text.slice(text.length - maxChars) : text;
}
