// Where Switchboard keeps its data, for the desktop app and `serve` alike: SWITCHBOARD_DATA_DIR
// (made absolute), else the OS's app-data folder under the name Electron gives the app's userData
// (package.json's productName, else its name), so both modes always meet in one folder.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import packageJson from '../../../package.json' with { type: 'json' };

export interface PackageMetadata {
  name: string;
  productName?: string;
}

/** The folder name Electron uses for userData: productName, else name. */
export function appFolderName(metadata: PackageMetadata = packageJson): string {
  return metadata.productName || metadata.name;
}

export function defaultDataDir(
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
  metadata: PackageMetadata = packageJson,
): string {
  // Electron's app.setPath needs an absolute path; a relative one means "from here".
  if (env.SWITCHBOARD_DATA_DIR) return resolve(env.SWITCHBOARD_DATA_DIR);
  const name = appFolderName(metadata);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  if (platform === 'win32') return join(env.APPDATA || join(homedir(), 'AppData', 'Roaming'), name);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), name);
}
