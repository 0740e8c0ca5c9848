// local-api.json beside the lock: where the engine holding the data folder serves its local API,
// so a second app or `npm run serve` on the same folder can say where to go instead of only refusing.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'local-api.json';

interface Announcement {
  pid: number;
  url: string;
}

export function announceApi(dataDir: string, url: string, pid = process.pid): void {
  writeFileSync(join(dataDir, FILE), JSON.stringify({ pid, url } satisfies Announcement), {
    mode: 0o600,
  });
}

/** Removes this process's announcement (never another engine's). */
export function withdrawApi(dataDir: string, pid = process.pid): void {
  if (read(dataDir)?.pid === pid) rmSync(join(dataDir, FILE), { force: true });
}

/** The URL the engine with this pid announced, or null (none, or left by another process). */
export function announcedApi(dataDir: string, pid: number): string | null {
  const found = read(dataDir);
  return found?.pid === pid ? found.url : null;
}

function read(dataDir: string): Announcement | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as Partial<Announcement>;
    return typeof parsed.pid === 'number' && typeof parsed.url === 'string'
      ? { pid: parsed.pid, url: parsed.url }
      : null;
  } catch {
    return null;
  }
}
