// Keeps agents and folder watches out of Switchboard's own data folder: a run working there could
// rewrite the database or the settings, and a watch there would fire on every write the engine makes.
import { realpathSync } from 'node:fs';
import { relative, isAbsolute, sep } from 'node:path';
import { badInput } from '../../../shared/errors';

/** Throws bad_input for `field` when `folder` is the data folder or inside it (links followed). */
export function refuseDataFolder(field: string, folder: string, dataDir: string | undefined): void {
  if (dataDir === undefined) return;
  const data = realOrSelf(dataDir);
  const target = realOrSelf(folder);
  const rel = relative(data, target);
  const inside = rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith('..' + sep));
  if (inside) {
    throw badInput(
      field,
      `${folder} is inside Switchboard's data folder (${dataDir}); choose another folder`,
    );
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
