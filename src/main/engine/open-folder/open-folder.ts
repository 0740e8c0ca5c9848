// runs.openFolder: starts the person's editor or a terminal on the folder a run worked in, on the
// machine the engine runs on, detached (it outlives nothing of ours and we do not wait for it).
import { spawn as nodeSpawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { OpenFolderApp, OpenFolderResult, Settings } from '../../../shared/domain';
import { ApiError, notFound } from '../../../shared/errors';
import type { Store } from '../store';
import { onPathOf, openCommand } from './open-command';

export type DetachedSpawn = typeof nodeSpawn;

export interface OpenFolderDeps {
  store: Store;
  settings: () => Settings;
  /** The environment the command starts with (the login shell's PATH in the desktop app). */
  env: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  spawn?: DetachedSpawn;
}

const APP_WORDS: Record<OpenFolderApp, string> = { editor: 'an editor', terminal: 'a terminal' };

export class OpenFolder {
  constructor(private readonly deps: OpenFolderDeps) {}

  async open(runId: string, app: OpenFolderApp): Promise<OpenFolderResult> {
    const run = this.deps.store.runs.get(runId);
    if (!run) throw notFound('run', runId);
    if (run.place !== null) {
      throw refusal(
        `This run worked on ${run.place.name}; its folder is on that machine, not this one.`,
      );
    }
    const folder = run.workdir;
    if (folder === null) throw refusal('This run has not started yet: it has no folder to open.');
    if (!existsSync(folder)) {
      throw refusal(
        `The folder this run worked in, ${folder}, no longer exists (a worktree that was merged, put away or discarded).`,
      );
    }
    const env = this.deps.env;
    const command = openCommand(app, this.deps.settings().openIn, folder, {
      env,
      platform: this.deps.platform ?? process.platform,
      onPath: onPathOf(env),
    });
    const [file, ...args] = command ?? [];
    if (file === undefined) {
      throw refusal(
        app === 'editor'
          ? 'No editor found here (code, cursor, or $VISUAL): set one in Settings → Open in.'
          : 'No terminal found here: set one in Settings → Open in.',
      );
    }
    await this.start(file, args, folder, app);
    return { folder, command: [file, ...args] };
  }

  /** Resolves once the command started; a command that cannot start is refused in words. */
  private start(file: string, args: string[], cwd: string, app: OpenFolderApp): Promise<void> {
    const spawn = this.deps.spawn ?? nodeSpawn;
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, {
        cwd,
        env: this.deps.env,
        detached: true,
        stdio: 'ignore',
        windowsHide: false,
      });
      child.once('error', (error) =>
        reject(refusal(`Could not start ${APP_WORDS[app]} with ${file}: ${error.message}.`)),
      );
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    });
  }
}

function refusal(text: string): ApiError {
  return new ApiError('conflict', text);
}
