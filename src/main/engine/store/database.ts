// Opens the SQLite file: WAL, foreign keys, migrations applied in one transaction each.
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

/** Statements slower than this are logged, so a slow query shows up before it hurts. */
const SLOW_QUERY_MS = 100;

/** PRAGMA auto_vacuum's value for INCREMENTAL. */
const INCREMENTAL = 2;

export function openDatabase(file: string): Db {
  const db = new Database(file);
  // Before anything writes to it: an older build must not run on a schema it does not know.
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new NewerDataError(dirname(file), version);
  }
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Freed pages go back to the file system bit by bit (transcript retention), not never.
  if (Number(db.pragma('user_version', { simple: true })) === 0) {
    db.pragma('auto_vacuum = INCREMENTAL');
  }
  migrate(db);
  if (Number(db.pragma('auto_vacuum', { simple: true })) !== INCREMENTAL) {
    // A file made before: switching needs one full VACUUM, once (it also compacts the file).
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  }
  return db;
}

/** The data folder holds a schema newer than this build's: it is refused, never opened. */
export class NewerDataError extends Error {
  constructor(
    readonly dataDir: string,
    readonly schema: number,
  ) {
    super(
      `This data folder (${dataDir}) was written by a newer Switchboard (schema ${schema}; ` +
        `this one knows ${SCHEMA_VERSION}). Start the newer version, or set SWITCHBOARD_DATA_DIR ` +
        `to another folder to start this one; this folder was left as it was.`,
    );
    this.name = 'NewerDataError';
  }
}

function migrate(db: Db): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/** Runs fn and logs it when slow; used around the queries that scan. */
export function timed<T>(label: string, fn: () => T): T {
  const started = performance.now();
  const value = fn();
  const elapsed = performance.now() - started;
  if (elapsed > SLOW_QUERY_MS)
    console.warn(`[store] slow query ${label}: ${elapsed.toFixed(0)} ms`);
  return value;
}
