// Readable, unique ids: a prefix that says what the id is, then random characters.
import { randomBytes } from 'node:crypto';

export type IdPrefix = 'task' | 'run' | 'apr' | 'trg' | 'place' | 'mcp';

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}
