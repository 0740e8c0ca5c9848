// One file's unified patch turned into rows to draw: hunk headers and lines with their old and new
// numbers (unified), or pairs of old and new lines next to each other (side by side). jsdiff parses.
import { parsePatch } from 'diff';

export interface DiffLine {
  type: 'context' | 'add' | 'del';
  oldLine: number | null;
  newLine: number | null;
  text: string;
  /** A changed line's other self (the old text of an added line, the new of a deleted one). */
  partner?: string;
}

/** A hunk header; `index` counts the file's hunks from 0, as runs.review's `hunks` does (-1: none). */
export interface HunkRow {
  kind: 'hunk';
  header: string;
  index: number;
}
export type UnifiedRow = HunkRow | ({ kind: 'line' } & DiffLine);
export type SplitRow = HunkRow | { kind: 'pair'; left: DiffLine | null; right: DiffLine | null };

export function unifiedRows(patch: string): UnifiedRow[] {
  let files: ReturnType<typeof parsePatch>;
  try {
    files = parsePatch(patch);
  } catch {
    return [{ kind: 'hunk', header: 'This patch could not be read.', index: -1 }];
  }
  const rows: UnifiedRow[] = [];
  for (const file of files) {
    for (const [index, hunk] of file.hunks.entries()) {
      rows.push({
        kind: 'hunk',
        header: `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
        index,
      });
      let oldLine = hunk.oldStart;
      let newLine = hunk.newStart;
      for (const raw of hunk.lines) {
        const mark = raw.charAt(0);
        const text = raw.slice(1);
        if (mark === '+')
          rows.push({ kind: 'line', type: 'add', oldLine: null, newLine: newLine++, text });
        else if (mark === '-')
          rows.push({ kind: 'line', type: 'del', oldLine: oldLine++, newLine: null, text });
        else if (mark === ' ')
          rows.push({
            kind: 'line',
            type: 'context',
            oldLine: oldLine++,
            newLine: newLine++,
            text,
          });
        // "\ No newline at end of file" belongs to the line before; nothing to draw.
      }
    }
  }
  pairChangedLines(rows);
  return rows;
}

/** In each run of deleted then added lines, the n-th deleted and n-th added are one line changed. */
function pairChangedLines(rows: UnifiedRow[]): void {
  let i = 0;
  while (i < rows.length) {
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    while (i < rows.length && isLine(rows[i], 'del')) dels.push(rows[i++] as DiffLine);
    while (i < rows.length && isLine(rows[i], 'add')) adds.push(rows[i++] as DiffLine);
    if (dels.length === 0 && adds.length === 0) i++;
    for (let n = 0; n < Math.min(dels.length, adds.length); n++) {
      const del = dels[n];
      const add = adds[n];
      if (!del || !add) continue;
      del.partner = add.text;
      add.partner = del.text;
    }
  }
}

function isLine(row: UnifiedRow | undefined, type: DiffLine['type']): boolean {
  return row?.kind === 'line' && row.type === type;
}

/** Deleted and added lines of one change are paired up, so a changed line sits beside its old self. */
export function splitRows(unified: UnifiedRow[]): SplitRow[] {
  const rows: SplitRow[] = [];
  let dels: DiffLine[] = [];
  let adds: DiffLine[] = [];
  const flush = () => {
    const count = Math.max(dels.length, adds.length);
    for (let i = 0; i < count; i++)
      rows.push({ kind: 'pair', left: dels[i] ?? null, right: adds[i] ?? null });
    dels = [];
    adds = [];
  };
  for (const row of unified) {
    if (row.kind === 'hunk') {
      flush();
      rows.push(row);
    } else if (row.type === 'del') {
      if (adds.length > 0) flush();
      dels.push(row);
    } else if (row.type === 'add') {
      adds.push(row);
    } else {
      flush();
      rows.push({ kind: 'pair', left: row, right: row });
    }
  }
  flush();
  return rows;
}

/** Where a comment is anchored: the line's number on the side it was made. */
export function commentKey(path: string, side: 'old' | 'new', line: number): string {
  return `${side}:${line}:${path}`;
}

/** The side and line a comment on this diff line points at: new when it has one, else old. */
export function anchorOf(line: DiffLine): { side: 'old' | 'new'; line: number } | null {
  if (line.newLine !== null) return { side: 'new', line: line.newLine };
  if (line.oldLine !== null) return { side: 'old', line: line.oldLine };
  return null;
}
