// Migrations are frozen once shipped: each one's SQL hashes to the line shipped.sha256 holds for
// it, and each file holds its SQL as plain text, sharing nothing with live code. A data folder
// written by a newer Switchboard is refused in plain words and left as it was.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../../src/main/engine/store';
import { NewerDataError } from '../../../../src/main/engine/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../src/main/engine/store/migrations';
import { tempDir } from '../../../support/claude-env';

const FOLDER = resolve(import.meta.dirname, '../../../../src/main/engine/store/migrations');

function shipped(): { hash: string; name: string }[] {
  return readFileSync(join(FOLDER, 'shipped.sha256'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [hash = '', name = ''] = line.split(/\s+/);
      return { hash, name };
    });
}

describe('migrations', () => {
  it('are numbered 1, 2, 3 … in the order they run', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(
      MIGRATIONS.map((_, index) => index + 1),
    );
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const migration of MIGRATIONS) {
      expect(migration.name.startsWith(String(migration.version).padStart(4, '0') + '-')).toBe(
        true,
      );
    }
  });

  it('each run exactly the SQL that shipped', () => {
    const hashes = shipped();
    // Every migration has its hash, and every hash its migration: a new one adds both.
    expect(MIGRATIONS.map((migration) => migration.name)).toEqual(hashes.map((row) => row.name));
    for (const [index, migration] of MIGRATIONS.entries()) {
      const hash = createHash('sha256').update(migration.sql).digest('hex');
      expect(hash, `${migration.name} changed after it shipped`).toBe(hashes[index]?.hash);
    }
  });

  it('are self-contained text: no imports, no interpolation', () => {
    const files = readdirSync(FOLDER).filter((file) => /^\d{4}-.*\.ts$/.test(file));
    expect(files.map((file) => file.replace(/\.ts$/, ''))).toEqual(
      MIGRATIONS.map((migration) => migration.name),
    );
    for (const file of files) {
      const text = readFileSync(join(FOLDER, file), 'utf8');
      expect(text, file).not.toMatch(/^\s*import\b/m);
      expect(text, file).not.toContain('${');
    }
  });
});

describe('a data folder from a newer Switchboard', () => {
  it('is refused in plain words and left as it was', () => {
    const dir = tempDir('newer-schema');
    const file = join(dir, 'switchboard.sqlite');
    const newer = new Database(file);
    newer.exec('CREATE TABLE from_the_future (id INTEGER PRIMARY KEY)');
    newer.pragma(`user_version = ${SCHEMA_VERSION + 4}`);
    newer.close();

    let refusal: unknown;
    try {
      Store.open(dir).close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(NewerDataError);
    expect((refusal as Error).message).toBe(
      `This data folder (${dir}) was written by a newer Switchboard (schema ${SCHEMA_VERSION + 4}; ` +
        `this one knows ${SCHEMA_VERSION}). Start the newer version, or set SWITCHBOARD_DATA_DIR ` +
        `to another folder to start this one; this folder was left as it was.`,
    );

    const after = new Database(file, { readonly: true });
    expect(Number(after.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION + 4);
    const tables = after
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(['from_the_future']);
    after.close();
  });

  it('opens when it is the same version', () => {
    const dir = tempDir('same-schema');
    Store.open(dir).close();
    const store = Store.open(dir);
    store.close();
    const db = new Database(join(dir, 'switchboard.sqlite'), { readonly: true });
    expect(Number(db.pragma('user_version', { simple: true }))).toBe(SCHEMA_VERSION);
    db.close();
  });
});
