// A packaged app cannot spawn Claude Code from inside app.asar: find the SDK's platform binary
// the way the SDK does, then take its copy in app.asar.unpacked (electron-builder asarUnpack).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sep } from 'node:path';

const PACKAGE = '@anthropic-ai/claude-agent-sdk';

export interface ExecutableLookup {
  resolve: (id: string) => string;
  exists: (path: string) => boolean;
  platform: NodeJS.Platform;
  arch: string;
}

export function unpackedClaudeExecutable(
  lookup: ExecutableLookup = defaultLookup(),
): string | null {
  const suffix = lookup.platform === 'win32' ? '.exe' : '';
  const variants =
    lookup.platform === 'linux'
      ? [`linux-${lookup.arch}`, `linux-${lookup.arch}-musl`]
      : [`${lookup.platform}-${lookup.arch}`];
  for (const variant of variants) {
    let resolved: string;
    try {
      resolved = lookup.resolve(`${PACKAGE}-${variant}/claude${suffix}`);
    } catch {
      continue;
    }
    const unpacked = toUnpacked(resolved);
    if (lookup.exists(unpacked)) return unpacked;
  }
  return null;
}

export function toUnpacked(path: string): string {
  return path.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

function defaultLookup(): ExecutableLookup {
  const require = createRequire(import.meta.url);
  return {
    resolve: (id) => require.resolve(id),
    exists: existsSync,
    platform: process.platform,
    arch: process.arch,
  };
}
