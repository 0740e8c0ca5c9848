// The data folder's webhook key: 32 random bytes in a file only its owner can read. Webhook
// secrets are derived from it and a salt in the store, so a signature can be checked without the
// secret itself being kept anywhere.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'webhook-key';
const KEY_BYTES = 32;

export function loadWebhookKey(dataDir: string): Buffer {
  const file = join(dataDir, FILE);
  try {
    const key = readFileSync(file);
    if (key.length === KEY_BYTES) return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // Missing (or cut short): a new key. Secrets derived from an old one stop matching, so their
  // triggers need a rotated secret; a short file is never a key worth keeping.
  const key = randomBytes(KEY_BYTES);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
