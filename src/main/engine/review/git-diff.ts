// The files changed between two commits, each with its status, line counts and unified patch.
// Binary files and patches past a size limit are listed without a patch.
import type { DiffFile, DiffFileStatus } from '../../../shared/domain';
import { git } from './git';

/** A file's patch above this many characters is not sent; the file is still listed. */
export const MAX_PATCH_CHARS = 2_000_000;

const STATUS: Record<string, DiffFileStatus> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'added',
  T: 'modified',
};

interface Entry {
  status: DiffFileStatus;
  path: string;
  oldPath: string | null;
}

/** `env` points git at another repository (the shadow repository of a folder outside git). */
export async function diffCommits(
  repo: string,
  from: string,
  to: string,
  env?: Record<string, string>,
): Promise<DiffFile[]> {
  const common = ['-M', '--no-color', '--no-ext-diff', '--no-textconv', from, to];
  const [names, counts, patches] = await Promise.all([
    git(repo, ['diff', '--name-status', '-z', ...common], { env }),
    git(repo, ['diff', '--numstat', '-z', ...common], { env }),
    git(repo, ['diff', '--patch', '-U3', ...common], { env, maxBuffer: 512 * 1024 * 1024 }),
  ]);
  const entries = parseNameStatus(names);
  const numbers = parseNumstat(counts);
  const chunks = splitPatch(patches);
  // git lists files in the same order for each format; fall back to no patch if they disagree.
  const aligned = chunks.length === entries.length;
  return entries.map((entry, index) => {
    const count = numbers[index];
    const binary = count === undefined || count.binary;
    const chunk = aligned ? (chunks[index] ?? null) : null;
    const tooLarge = !binary && chunk !== null && chunk.length > MAX_PATCH_CHARS;
    return {
      ...entry,
      additions: count?.additions ?? 0,
      deletions: count?.deletions ?? 0,
      binary,
      tooLarge,
      patch: binary || tooLarge ? null : chunk,
      // The caller attributes each file; by itself a diff is the run's.
      attribution: 'run' as const,
      runPart: null,
    };
  });
}

function parseNameStatus(output: string): Entry[] {
  const fields = output.split('\0');
  const entries: Entry[] = [];
  for (let i = 0; i < fields.length;) {
    const code = fields[i++] ?? '';
    if (code === '') continue;
    const kind = code.charAt(0);
    if (kind === 'R' || kind === 'C') {
      const oldPath = fields[i++] ?? '';
      const path = fields[i++] ?? '';
      entries.push({
        status: STATUS[kind] ?? 'modified',
        path,
        oldPath: kind === 'R' ? oldPath : null,
      });
    } else {
      entries.push({ status: STATUS[kind] ?? 'modified', path: fields[i++] ?? '', oldPath: null });
    }
  }
  return entries;
}

function parseNumstat(output: string): { additions: number; deletions: number; binary: boolean }[] {
  const fields = output.split('\0');
  const counts: { additions: number; deletions: number; binary: boolean }[] = [];
  for (let i = 0; i < fields.length;) {
    const field = fields[i++] ?? '';
    if (field === '') continue;
    const [added = '', deleted = '', path = ''] = field.split('\t');
    // A rename's paths follow as two more fields.
    if (path === '') i += 2;
    const binary = added === '-' || deleted === '-';
    counts.push({
      additions: binary ? 0 : Number(added),
      deletions: binary ? 0 : Number(deleted),
      binary,
    });
  }
  return counts;
}

function splitPatch(output: string): string[] {
  if (output === '') return [];
  const chunks: string[] = [];
  let start = output.startsWith('diff --git ') ? 0 : -1;
  let at = output.indexOf('\ndiff --git ');
  while (at !== -1) {
    if (start !== -1) chunks.push(output.slice(start, at + 1));
    start = at + 1;
    at = output.indexOf('\ndiff --git ', start);
  }
  if (start !== -1) chunks.push(output.slice(start));
  return chunks;
}
