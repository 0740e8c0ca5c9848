// Host keys of SSH places: what the host offers now (ssh-keyscan), its SHA256 fingerprint as
// `ssh-keygen -l` prints it, and the private known_hosts file each connection is checked against.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ScannedKey {
  /** The known_hosts line. */
  line: string;
  fingerprint: string;
}

/** Key types in order of preference: the first one the host offers is the one shown. */
const KEY_TYPES = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ssh-rsa'];

/** The host's preferred key as it offers it now; null when it cannot be reached. */
export function scanHostKey(host: string, port: number, timeoutS = 10): Promise<ScannedKey | null> {
  return new Promise((resolve) => {
    execFile(
      'ssh-keyscan',
      ['-T', String(timeoutS), '-p', String(port), '-t', 'ed25519,ecdsa,rsa', host],
      { timeout: (timeoutS + 5) * 1000 },
      (_error, stdout) => {
        const keys = stdout
          .split('\n')
          .map((line) => line.trim())
          .filter((line) => line && !line.startsWith('#'))
          .flatMap((line) => {
            const [, type = '', blob = ''] = line.split(/\s+/);
            return KEY_TYPES.includes(type) && blob ? [{ line, type, blob }] : [];
          })
          .sort((a, b) => KEY_TYPES.indexOf(a.type) - KEY_TYPES.indexOf(b.type));
        const best = keys[0];
        resolve(best ? { line: best.line, fingerprint: fingerprintOf(best.blob) } : null);
      },
    );
  });
}

/** `SHA256:…` of a base64 key blob, the form ssh prints and people compare. */
export function fingerprintOf(blob: string): string {
  const digest = createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** Writes the accepted key where ssh reads it for this place; returns the file. */
export function writeKnownHosts(folder: string, placeId: string, lines: string): string {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, `${placeId}.known_hosts`);
  writeFileSync(file, lines.endsWith('\n') ? lines : `${lines}\n`, { mode: 0o600 });
  return file;
}

/** ssh's words for a key that is not the accepted one. */
export function isChangedKeyError(stderr: string): boolean {
  return /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|host key for .* has changed/i.test(
    stderr,
  );
}
