// Where the start and end snapshots of runs in a git repository live: a bare repository per
// repository in Switchboard's data folder, reading the person's objects through
// `objects/info/alternates`, so snapshot commits, their new objects and their refs never enter the
// person's .git (nor `git log --all`, nor their hooks). What a snapshot borrows that the person's
// history does not hold (blobs only staged, say) is copied in, so their gc cannot take it away.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { git, NO_HOOKS } from './git';

/** The snapshot store of the repository `top` belongs to, created on first use. */
export async function openSnapshotStore(shadowRoot: string, top: string): Promise<string> {
  const commonDir = resolve(
    top,
    (await git(top, ['rev-parse', '--path-format=absolute', '--git-common-dir'])).trim(),
  );
  const real = realpathSync(commonDir);
  const name = `repo-${createHash('sha256').update(real).digest('hex').slice(0, 24)}`;
  const gitDir = join(shadowRoot, name);
  if (!existsSync(join(gitDir, 'HEAD'))) {
    mkdirSync(shadowRoot, { recursive: true, mode: 0o700 });
    const format = (
      await git(top, ['rev-parse', '--show-object-format']).catch(() => 'sha1')
    ).trim();
    await git(shadowRoot, [
      'init',
      '-q',
      '--bare',
      // Owner-only whatever the umask: the data folder is private.
      '--shared=0600',
      '--template=',
      `--object-format=${format || 'sha1'}`,
      gitDir,
    ]);
    // The person's own settings (autocrlf, filemode, filters, excludesFile) shape a snapshot as
    // they shape a commit of theirs; NO_HOOKS still keeps their hooks out.
    await git(gitDir, [
      'config',
      '--file',
      join(gitDir, 'config'),
      'include.path',
      join(real, 'config'),
    ]);
  }
  mkdirSync(join(gitDir, 'objects', 'info'), { recursive: true });
  writeFileSync(join(gitDir, 'objects', 'info', 'alternates'), `${join(real, 'objects')}\n`, {
    mode: 0o600,
  });
  mkdirSync(join(gitDir, 'info'), { recursive: true });
  writeFileSync(join(gitDir, 'info', 'exclude'), readOrEmpty(join(real, 'info', 'exclude')), {
    mode: 0o600,
  });
  return gitDir;
}

/** git's environment for reading and writing the store while `top` is the working tree. */
export function storeEnv(gitDir: string, top?: string): Record<string, string> {
  return top === undefined
    ? { ...NO_HOOKS, GIT_DIR: gitDir }
    : { ...NO_HOOKS, GIT_DIR: gitDir, GIT_WORK_TREE: top };
}

/**
 * Copies into the store every object `commit` needs that is neither its own already nor reachable
 * from `head` (the person's HEAD when the snapshot was taken): a blob only staged, or a tree git
 * cached in the person's index, may be pruned by their gc once nothing of theirs points at it.
 */
export async function keepBorrowedObjects(
  gitDir: string,
  commit: string,
  head: string | null,
): Promise<number> {
  const env = storeEnv(gitDir);
  const listed = await git(
    gitDir,
    ['rev-list', '--objects', '--no-object-names', commit, ...(head ? ['--not', head] : [])],
    { env },
  );
  const borrowed = listed
    .split('\n')
    .filter((id) => id !== '' && !existsSync(join(gitDir, 'objects', id.slice(0, 2), id.slice(2))));
  if (borrowed.length === 0) return 0;
  // pack-objects (without --local) is the one writer that copies objects it finds in alternates.
  await git(gitDir, ['pack-objects', '-q', join(gitDir, 'objects', 'pack', 'pack')], {
    env,
    input: `${borrowed.join('\n')}\n`,
  });
  return borrowed.length;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
