// Opens the SQLite file: WAL, foreign keys, migrations applied in one transaction each.
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/** Statements slower than this are logged, so a slow query shows up before it hurts. */
const SLOW_QUERY_MS = 100;

/** PRAGMA auto_vacuum's value for INCREMENTAL. */
const INCREMENTAL = 2;

export function openDatabase(file: string): Db {
  const db = new Database(file);
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

function migrate(db: Db): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  MIGRATIONS.forEach((sql, index) => {
    const version = index + 1;
    if (version <= current) return;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  });
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
