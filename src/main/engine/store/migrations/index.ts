// README: one file per migration, NNNN-what.ts exporting `sql`, listed below in order; each is
// frozen once shipped (its hash is in shipped.sha256, checked by migrations.test.ts), holds its
// whole SQL as text and shares nothing with live code. A schema change appends a new file here,
// its line below and its hash.
import { sql as m0001 } from './0001-initial';
import { sql as m0002 } from './0002-triggers';
import { sql as m0003 } from './0003-run-workdir';
import { sql as m0004 } from './0004-reviews';
import { sql as m0005 } from './0005-plan-limits';
import { sql as m0006 } from './0006-runs-survive';
import { sql as m0007 } from './0007-spend-indexes';
import { sql as m0008 } from './0008-run-events-rowid';
import { sql as m0009 } from './0009-cost-days';
import { sql as m0010 } from './0010-runs-by-created-status';
import { sql as m0011 } from './0011-runs-by-session';
import { sql as m0012 } from './0012-shadow-repos';
import { sql as m0013 } from './0013-retry-at';
import { sql as m0014 } from './0014-snapshots-pruned';
import { sql as m0015 } from './0015-started-anyway';
import { sql as m0016 } from './0016-worktree-undo';
import { sql as m0017 } from './0017-always-rules';
import { sql as m0018 } from './0018-discard-undo';
import { sql as m0019 } from './0019-untrusted-input';
import { sql as m0020 } from './0020-places';
import { sql as m0021 } from './0021-away-outbox';
import { sql as m0022 } from './0022-search-index';
import { sql as m0023 } from './0023-mcp-servers';
import { sql as m0024 } from './0024-search-index-deferred';
import { sql as m0025 } from './0025-pull-requests';
import { sql as m0026 } from './0026-task-skills';
import { sql as m0027 } from './0027-task-sandbox';

export interface Migration {
  /** The schema version (SQLite's user_version) once it has run. */
  version: number;
  /** The file it lives in, without .ts: what shipped.sha256 names. */
  name: string;
  sql: string;
}

/** In order: migration N is at index N - 1. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-initial', sql: m0001 },
  { version: 2, name: '0002-triggers', sql: m0002 },
  { version: 3, name: '0003-run-workdir', sql: m0003 },
  { version: 4, name: '0004-reviews', sql: m0004 },
  { version: 5, name: '0005-plan-limits', sql: m0005 },
  { version: 6, name: '0006-runs-survive', sql: m0006 },
  { version: 7, name: '0007-spend-indexes', sql: m0007 },
  { version: 8, name: '0008-run-events-rowid', sql: m0008 },
  { version: 9, name: '0009-cost-days', sql: m0009 },
  { version: 10, name: '0010-runs-by-created-status', sql: m0010 },
  { version: 11, name: '0011-runs-by-session', sql: m0011 },
  { version: 12, name: '0012-shadow-repos', sql: m0012 },
  { version: 13, name: '0013-retry-at', sql: m0013 },
  { version: 14, name: '0014-snapshots-pruned', sql: m0014 },
  { version: 15, name: '0015-started-anyway', sql: m0015 },
  { version: 16, name: '0016-worktree-undo', sql: m0016 },
  { version: 17, name: '0017-always-rules', sql: m0017 },
  { version: 18, name: '0018-discard-undo', sql: m0018 },
  { version: 19, name: '0019-untrusted-input', sql: m0019 },
  { version: 20, name: '0020-places', sql: m0020 },
  { version: 21, name: '0021-away-outbox', sql: m0021 },
  { version: 22, name: '0022-search-index', sql: m0022 },
  { version: 23, name: '0023-mcp-servers', sql: m0023 },
  { version: 24, name: '0024-search-index-deferred', sql: m0024 },
  { version: 25, name: '0025-pull-requests', sql: m0025 },
  { version: 26, name: '0026-task-skills', sql: m0026 },
  { version: 27, name: '0027-task-sandbox', sql: m0027 },
];

/** The newest schema this build knows. */
export const SCHEMA_VERSION = MIGRATIONS.length;
