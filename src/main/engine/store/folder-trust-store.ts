// The person's decision on a folder's own Claude Code settings (hooks, MCP servers, permissions,
// helpers): trusted (they load) or ignored (runs go on without them), for one version (hash) of
// those settings. A different hash is a new question.
import type { Db } from './database';

export type FolderTrustDecision = 'trusted' | 'ignored';

export interface FolderTrustRecord {
  folder: string;
  settingsHash: string;
  decision: FolderTrustDecision;
  decidedAt: number;
}

interface TrustRow {
  folder: string;
  settings_hash: string;
  decision: string;
  decided_at: number;
}

export class FolderTrustStore {
  constructor(private readonly db: Db) {}

  get(folder: string): FolderTrustRecord | undefined {
    const row = this.db
      .prepare<[string], TrustRow>('SELECT * FROM folder_trust WHERE folder = ?')
      .get(folder);
    if (!row) return undefined;
    return {
      folder: row.folder,
      settingsHash: row.settings_hash,
      decision: row.decision === 'trusted' ? 'trusted' : 'ignored',
      decidedAt: row.decided_at,
    };
  }

  set(record: FolderTrustRecord): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO folder_trust (folder, settings_hash, decision, decided_at)
         VALUES (?, ?, ?, ?)`,
      )
      .run(record.folder, record.settingsHash, record.decision, record.decidedAt);
  }

  forget(folder: string): void {
    this.db.prepare('DELETE FROM folder_trust WHERE folder = ?').run(folder);
  }
}
