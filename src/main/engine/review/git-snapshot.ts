// Records the state of a working folder as a commit, without touching the person's index, files or
// .git: a temporary index, seeded from a copy of the repository's own (so only files whose stat
// changed are read again) or from HEAD, takes every tracked and untracked (not ignored) change but
// files over the size cap and Switchboard's own data folder. The commit and its ref go to a store
// Switchboard owns (snapshot-store.ts for a repository, shadow-repo.ts outside git), with the
// person's hooks off, so the diff of a run outlives later runs until snapshot-pruning.ts drops it.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { git, NO_HOOKS, SWITCHBOARD_IDENTITY } from './git';
import { keepBorrowedObjects, storeEnv } from './snapshot-store';

/** Files above this size are left out of snapshots by default (and named in the review). */
export const MAX_SNAPSHOT_FILE_BYTES = 10 * 1024 * 1024;

/** A run's snapshot refs: its start and end, and the chain of its tool calls' snapshots. */
export const RUN_SNAPSHOT_REFS = ['start', 'end', 'calls'] as const;

export function snapshotRef(runId: string, which: (typeof RUN_SNAPSHOT_REFS)[number]): string {
  return `refs/switchboard/runs/${runId}/${which}`;
}

export interface SnapshotOptions {
  /**
   * A repository's snapshot store (openSnapshotStore): objects, commit and ref go there, none into
   * the person's .git. Without it and without a shadow environment, the legacy place: the
   * person's own repository.
   */
  store?: string;
  /** Changed or untracked files above this size are left out and listed (0: no cap). */
  maxFileBytes?: number;
  /** Folders never snapshotted (Switchboard's own data folder when it lies inside the folder). */
  excludeDirs?: string[];
  /**
   * An index file of the caller's own, kept between snapshots so only files whose stat changed
   * are read again (seeded from the repository's index on first use).
   */
  index?: string;
  /** The commit's parent instead of HEAD (a chain of snapshots keeps each one reachable). */
  parent?: string | null;
}

/** A file left out of a snapshot for its size; `path` is relative to the top, as git writes it. */
export interface SkippedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface Snapshot {
  commit: string;
  skipped: SkippedFile[];
}

/**
 * Commits the working tree of `top` (a checkout or a worktree) and points `ref` at it. `shadowEnv`
 * points git at a shadow repository of a folder outside git, whose index is Switchboard's own and
 * so is kept up to date as a cache for the next snapshot.
 */
export async function snapshotWorkingTree(
  top: string,
  ref: string,
  message: string,
  shadowEnv?: Record<string, string>,
  options: SnapshotOptions = {},
): Promise<string> {
  return (await snapshotFolder(top, ref, message, shadowEnv, options)).commit;
}

/** snapshotWorkingTree, also saying which files were left out for their size. */
export async function snapshotFolder(
  top: string,
  ref: string,
  message: string,
  shadowEnv: Record<string, string> | undefined,
  options: SnapshotOptions = {},
): Promise<Snapshot> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-index-'));
  const tempIndex = join(dir, 'index');
  // Where the folder's own index and HEAD are read: the shadow repository, or the person's.
  const ownEnv = shadowEnv ?? {};
  const target =
    shadowEnv !== undefined
      ? { ...shadowEnv, ...NO_HOOKS }
      : options.store !== undefined
        ? storeEnv(options.store, top)
        : NO_HOOKS;
  const env = { ...target, ...SWITCHBOARD_IDENTITY, GIT_INDEX_FILE: tempIndex };
  try {
    const head =
      (
        await git(top, ['rev-parse', '--verify', '-q', 'HEAD'], { env: ownEnv }).catch(() => '')
      ).trim() || null;
    const ownIndex = resolve(
      top,
      (await git(top, ['rev-parse', '--git-path', 'index'], { env: ownEnv })).trim(),
    );
    const excluded = (options.excludeDirs ?? [])
      .map((folder) => insideTop(top, folder))
      .filter((path): path is string => path !== null)
      .map(literalExclude);
    // Seeds the index, leaves out files over the cap, and takes everything else in.
    const take = async (seed: 'own' | 'head') => {
      rmSync(tempIndex, { force: true });
      if (seed === 'own') copyFileSync(ownSeed, tempIndex);
      else if (head !== null) await git(top, ['read-tree', head], { env });
      const over = options.maxFileBytes
        ? await filesOver(top, options.maxFileBytes, excluded, env)
        : [];
      const pathspecs = ['.', ...excluded, ...over.map((file) => literalExclude(file.path))];
      await git(top, ['add', '-A', '--pathspec-from-file=-', '--pathspec-file-nul'], {
        env,
        input: pathspecs.join('\0'),
      });
      return over;
    };
    // A caller's own index (kept between its snapshots) when it has one, else the folder's.
    const ownSeed =
      options.index !== undefined && existsSync(options.index) ? options.index : ownIndex;
    // An index git cannot read away from its repository (a split index) is rebuilt from HEAD.
    const skipped = existsSync(ownSeed)
      ? await take('own').catch(() => take('head'))
      : await take('head');
    const tree = (await git(top, ['write-tree'], { env })).trim();
    // A store's commits have no parent: the person's history stays theirs, and pruning the store
    // never walks it. Elsewhere (legacy refs in the person's repository) HEAD is the parent. A
    // chain of snapshots (a run's tool calls) names its own parent to keep each one reachable.
    const parent =
      options.parent !== undefined ? options.parent : options.store === undefined ? head : null;
    const parents = parent !== null ? ['-p', parent] : [];
    const commit = (
      await git(top, ['commit-tree', tree, ...parents, '-m', message], { env })
    ).trim();
    if (options.store !== undefined) await keepBorrowedObjects(options.store, commit, head);
    await git(top, ['update-ref', ref, commit], { env: target });
    if (options.index !== undefined) renameOrCopy(tempIndex, options.index);
    else if (shadowEnv) renameOrCopy(tempIndex, ownIndex);
    return { commit, skipped };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Changed tracked files and untracked (not ignored) files above `maxBytes`. */
async function filesOver(
  top: string,
  maxBytes: number,
  excluded: string[],
  env: Record<string, string>,
): Promise<SkippedFile[]> {
  const listed = await git(
    top,
    ['ls-files', '-z', '-m', '-o', '--exclude-standard', '--', '.', ...excluded],
    { env, maxBuffer: 512 * 1024 * 1024 },
  );
  const seen = new Set<string>();
  const over: SkippedFile[] = [];
  for (const path of listed.split('\0')) {
    if (path === '' || seen.has(path)) continue;
    seen.add(path);
    const stat = lstatOrNull(join(top, path));
    if (stat?.isFile() && stat.size > maxBytes) {
      over.push({ path, size: stat.size, mtimeMs: Math.trunc(stat.mtimeMs) });
    }
  }
  return over;
}

/** `folder` relative to `top` with forward slashes, when it lies inside it. */
function insideTop(top: string, folder: string): string | null {
  const path = relative(top, folder);
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return null;
  return path.split(sep).join('/');
}

function literalExclude(path: string): string {
  return `:(exclude,literal)${path}`;
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/**
 * Replaces `to` with `from` in one step where both are on one file system; `to` is an index of
 * Switchboard's own, in its private data folder, so owner-only.
 */
function renameOrCopy(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    copyFileSync(from, `${to}.switchboard`);
    renameSync(`${to}.switchboard`, to);
  }
  chmodSync(to, 0o600);
}
