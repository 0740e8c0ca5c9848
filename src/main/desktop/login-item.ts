// Start at login, hidden to the tray, so schedules run (settings.desktop.openAtLogin). macOS and
// Windows through Electron's login items; Linux through an XDG autostart entry.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';

export const HIDDEN_ARG = '--hidden';

export interface LoginItemTarget {
  platform: NodeJS.Platform;
  /** What autostart launches: the AppImage when running from one, else the executable. */
  executable: string;
  autostartDir: string;
}

export function defaultLoginItemTarget(env: NodeJS.ProcessEnv = process.env): LoginItemTarget {
  return {
    platform: process.platform,
    executable: env.APPIMAGE ?? process.execPath,
    autostartDir: join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart'),
  };
}

/** Sets whether the app opens at login; throws, saying why, when the OS did not take it. */
export function applyOpenAtLogin(
  openAtLogin: boolean,
  target: LoginItemTarget = defaultLoginItemTarget(),
): void {
  if (target.platform === 'linux') {
    const file = join(target.autostartDir, 'switchboard.desktop');
    if (openAtLogin) {
      mkdirSync(target.autostartDir, { recursive: true });
      writeFileSync(file, autostartEntry(target.executable));
    } else {
      rmSync(file, { force: true });
    }
    return;
  }
  app.setLoginItemSettings({ openAtLogin, args: [HIDDEN_ARG] });
  // setLoginItemSettings reports nothing: read back whether the OS took it (an unsigned or moved
  // macOS app, or one that needs the person's approval in System Settings, may not be).
  const now = app.getLoginItemSettings({ args: [HIDDEN_ARG] });
  if (now.status === 'requires-approval')
    throw new Error(
      'macOS needs your approval: allow Switchboard in System Settings → General → Login Items',
    );
  if (now.openAtLogin !== openAtLogin)
    throw new Error(
      `the system kept "open at login" ${now.openAtLogin ? 'on' : 'off'} (on macOS, an app that is not signed or not in Applications may not be allowed)`,
    );
}

/** Started by the login item: stay in the tray instead of opening the window. */
export function startedHidden(
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}

export function autostartEntry(executable: string): string {
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1')}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchboard',
    'Comment=Control panel for Claude Code agents',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    'Terminal=false',
    '',
  ].join('\n');
}
