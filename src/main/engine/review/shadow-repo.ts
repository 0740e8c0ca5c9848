// Outside git, a run's folder is recorded in a shadow repository Switchboard keeps in its own data
// folder (one per working folder, shared by its runs): the folder's state at the run's start and
// end become commits there, so the review sees every change — those made by commands too — and
// discard can put each file back. The person's folder never gets a .git of its own.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanFolder, type FolderScan } from './folder-scan';
import { git } from './git';

/** Dependency and cache folders: huge, rebuilt by tools, and not what a review is about. */
export const SHADOW_EXCLUDED_DIRS = [
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.cache',
] as const;

/**
 * Folders past these sizes are not snapshotted: the agent's file tools are followed, and a scan of
 * sizes and times lists what else changed. Bytes count files under the per-file cap only.
 */
export const SHADOW_LIMITS = { files: 20_000, bytes: 512 * 1024 * 1024 };

const EXCLUDED = new Set<string>(SHADOW_EXCLUDED_DIRS);

/** What git needs to work on `workdir` with the shadow repository. */
export function shadowEnv(gitDir: string, workdir: string): Record<string, string> {
  return { GIT_DIR: gitDir, GIT_WORK_TREE: workdir };
}

/** True when the folder (less the excluded folders) is small enough to snapshot at each run. */
export async function fitsShadow(workdir: string, limits = SHADOW_LIMITS): Promise<boolean> {
  return fitsLimits(await scanFolder(workdir, { skipNames: EXCLUDED }), limits);
}

/** True when a scan of a folder (complete, within the file count and bytes) fits the limits. */
export function fitsLimits(scan: FolderScan, limits = SHADOW_LIMITS): boolean {
  return scan.complete && scan.files <= limits.files && scan.bytes <= limits.bytes;
}

/** The shadow repository of `workdir` under `shadowRoot`, created on first use. */
export async function openShadowRepo(shadowRoot: string, workdir: string): Promise<string> {
  const name = createHash('sha256').update(workdir).digest('hex').slice(0, 24);
  const gitDir = join(shadowRoot, name);
  if (!existsSync(join(gitDir, 'HEAD'))) {
    mkdirSync(shadowRoot, { recursive: true, mode: 0o700 });
    // --shared=0600: git makes its files owner-only whatever the umask (the data folder is private).
    await git(shadowRoot, ['init', '-q', '--bare', '--shared=0600', gitDir]);
    // Snapshots are of files as they are on disk, byte for byte.
    await git(shadowRoot, ['config', 'core.autocrlf', 'false'], { env: { GIT_DIR: gitDir } });
  }
  mkdirSync(join(gitDir, 'info'), { recursive: true });
  writeFileSync(
    join(gitDir, 'info', 'exclude'),
    SHADOW_EXCLUDED_DIRS.map((dir) => `${dir}/`).join('\n') + '\n',
  );
  return gitDir;
}
