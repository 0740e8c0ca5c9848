// Which command opens a folder in the person's editor or a terminal: the one set in Settings →
// Open in, else the first found on this machine. Command lines as typed data: text → argv.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { OpenFolderApp, OpenInSettings } from '../../../shared/domain';

export const FOLDER_PLACEHOLDER = '{folder}';

/** Splits a command line on spaces; "double" or 'single' quotes keep spaces in one argument. */
export function splitCommandLine(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (const char of text) {
    if (quote !== null) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started || current !== '') args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
    }
  }
  if (started || current !== '') args.push(current);
  return args;
}

export interface CommandContext {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  /** Whether a command of that name is on PATH. */
  onPath: (name: string) => boolean;
}

/**
 * The argv that opens `folder`: `{folder}` in it is replaced; an editor without one gets the
 * folder as its last argument; a terminal without one opens in it as its working folder.
 */
export function openCommand(
  app: OpenFolderApp,
  settings: OpenInSettings,
  folder: string,
  context: CommandContext,
): string[] | null {
  const configured = settings[app];
  const base =
    configured !== null
      ? splitCommandLine(configured)
      : app === 'editor'
        ? defaultEditor(context)
        : defaultTerminal(context);
  if (base === null || base.length === 0) return null;
  if (base.some((arg) => arg.includes(FOLDER_PLACEHOLDER))) {
    return base.map((arg) => arg.split(FOLDER_PLACEHOLDER).join(folder));
  }
  return app === 'editor' ? [...base, folder] : base;
}

function defaultEditor(context: CommandContext): string[] | null {
  for (const name of ['code', 'cursor']) if (context.onPath(name)) return [name];
  const visual = context.env.VISUAL?.trim();
  return visual ? splitCommandLine(visual) : null;
}

function defaultTerminal(context: CommandContext): string[] | null {
  if (context.platform === 'darwin') return ['open', '-a', 'Terminal', FOLDER_PLACEHOLDER];
  if (context.platform === 'win32') return ['cmd.exe', '/c', 'start', 'cmd.exe'];
  for (const name of [
    'x-terminal-emulator',
    'gnome-terminal',
    'konsole',
    'xfce4-terminal',
    'xterm',
  ]) {
    if (context.onPath(name)) return [name];
  }
  return null;
}

/** Looks for an executable `name` in the PATH of `env`. */
export function onPathOf(env: Record<string, string | undefined>): (name: string) => boolean {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['', '.exe', '.cmd', '.bat'] : [''];
  return (name) =>
    dirs.some((dir) =>
      exts.some((ext) => {
        try {
          accessSync(join(dir, name + ext), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      }),
    );
}
