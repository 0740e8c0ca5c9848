// The MCP server library in SQLite: each saved server's settings as JSON. Secret values never
// reach this table: a setting drawn from the keychain is stored as the secret's name.
import type { McpServer, McpSetting, McpTransport } from '../../../shared/domain';
import type { Db } from './database';
import { parseJson, toJson } from './json';

interface McpServerRow {
  id: string;
  name: string;
  config: string;
  created_at: number;
  updated_at: number;
}

/** What the table keeps of a server; `usedBy` is worked out from the tasks when read. */
export type McpServerRecord = Omit<McpServer, 'usedBy'>;

interface StoredConfig {
  transport: McpTransport;
  command: string | null;
  args: string[];
  env: McpSetting[];
  url: string | null;
  headers: McpSetting[];
}

function toRecord(row: McpServerRow): McpServerRecord {
  const config = parseJson<Partial<StoredConfig>>(row.config, {});
  return {
    id: row.id,
    name: row.name,
    transport: config.transport ?? 'stdio',
    command: config.command ?? null,
    args: config.args ?? [],
    env: config.env ?? [],
    url: config.url ?? null,
    headers: config.headers ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class McpServerStore {
  constructor(private readonly db: Db) {}

  list(): McpServerRecord[] {
    return this.db
      .prepare<[], McpServerRow>('SELECT * FROM mcp_servers ORDER BY name COLLATE NOCASE')
      .all()
      .map(toRecord);
  }

  get(id: string): McpServerRecord | undefined {
    const row = this.db
      .prepare<[string], McpServerRow>('SELECT * FROM mcp_servers WHERE id = ?')
      .get(id);
    return row ? toRecord(row) : undefined;
  }

  byName(name: string): McpServerRecord | undefined {
    const row = this.db
      .prepare<[string], McpServerRow>('SELECT * FROM mcp_servers WHERE name = ?')
      .get(name);
    return row ? toRecord(row) : undefined;
  }

  /** Inserts or replaces the server with this id. */
  save(server: McpServerRecord): void {
    const config: StoredConfig = {
      transport: server.transport,
      command: server.command,
      args: server.args,
      env: server.env,
      url: server.url,
      headers: server.headers,
    };
    this.db
      .prepare(
        `INSERT INTO mcp_servers (id, name, config, created_at, updated_at)
         VALUES (@id, @name, @config, @createdAt, @updatedAt)
         ON CONFLICT (id) DO UPDATE SET name = @name, config = @config, updated_at = @updatedAt`,
      )
      .run({
        id: server.id,
        name: server.name,
        config: toJson(config),
        createdAt: server.createdAt,
        updatedAt: server.updatedAt,
      });
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM mcp_servers WHERE id = ?').run(id).changes > 0;
  }
}
