// Where Switchboard keeps its data by default: the OS's app-data folder, as Electron's userData.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(
  env: Record<string, string | undefined>,
  platform = process.platform,
): string {
  if (env.SWITCHBOARD_DATA_DIR) return env.SWITCHBOARD_DATA_DIR;
  if (platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Switchboard');
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Switchboard');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Switchboard');
}
