// mcpServers.*: the library of saved MCP servers any task can attach, their "Test", and the
// servers a task's session is given (secrets read from the keychain at that moment).
import type { MethodParams } from '../../../shared/contract';
import type { McpServer, McpTestResult, Task } from '../../../shared/domain';
import { ApiError, badInput, notFound } from '../../../shared/errors';
import type { EventBus } from '../event-bus';
import { newId } from '../ids';
import type { McpServerRecord, Store } from '../store';
import type { McpProbe } from './mcp-probe';
import {
  resolveMcpServer,
  secretNamesOf,
  type McpProcessConfig,
  type ResolvedMcpServer,
} from './mcp-settings';

export interface McpLibraryDeps {
  store: Store;
  bus: EventBus;
  clock: () => number;
  /** Values of the named keychain secrets that exist. */
  secretValues: (names: readonly string[]) => Promise<Record<string, string>>;
  probe: McpProbe;
}

type ServerFields = MethodParams<'mcpServers.test'>;

export class McpLibrary {
  constructor(private readonly deps: McpLibraryDeps) {}

  list(): McpServer[] {
    const tasks = this.deps.store.tasks.list();
    return this.deps.store.mcpServers.list().map((server) => withUsers(server, tasks));
  }

  save(params: MethodParams<'mcpServers.save'>): McpServer {
    const { serverId, ...fields } = params;
    const { store, clock } = this.deps;
    const current = serverId === undefined ? undefined : store.mcpServers.get(serverId);
    if (serverId !== undefined && !current) throw notFound('MCP server', serverId);
    const named = store.mcpServers.byName(fields.name);
    if (named && named.id !== serverId) {
      throw badInput('name', `an MCP server called "${fields.name}" is already in the library`);
    }
    const now = clock();
    const record: McpServerRecord = {
      id: current?.id ?? newId('mcp'),
      ...normalized(fields),
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    };
    store.mcpServers.save(record);
    this.announce();
    return this.get(record.id);
  }

  /** A server some task uses stays: taking it away silently would change what those tasks do. */
  delete(serverId: string): { ok: true } {
    const server = this.get(serverId);
    if (server.usedBy.length > 0) {
      const titles = server.usedBy.map((task) => `“${task.title}”`).join(', ');
      throw new ApiError(
        'conflict',
        `${server.name} is attached to ${titles}; take it off ${server.usedBy.length > 1 ? 'those tasks' : 'that task'} first.`,
      );
    }
    this.deps.store.mcpServers.delete(serverId);
    this.announce();
    return { ok: true };
  }

  async test(params: ServerFields): Promise<McpTestResult> {
    const fields = normalized(params);
    const resolved = resolveMcpServer(fields, await this.deps.secretValues(secretNamesOf(fields)));
    if (!resolved.ok) {
      return {
        ok: false,
        tools: [],
        error: missingMessage(fields.name, resolved.missing),
        durationMs: 0,
      };
    }
    return this.deps.probe(resolved.server);
  }

  /**
   * The task's servers as its session gets them, by name; a secret they need that the keychain
   * lacks refuses the run with its name, as the task's own secrets do.
   */
  async forTask(task: Pick<Task, 'mcpServerIds'>): Promise<Record<string, McpProcessConfig>> {
    const servers = task.mcpServerIds.map((id) => {
      const server = this.deps.store.mcpServers.get(id);
      // Deleted while the task was (a deleted task restored later): the run must not go without.
      if (!server) throw new Error(`This task's MCP server ${id} is no longer in the library.`);
      return server;
    });
    const secrets = await this.deps.secretValues(servers.flatMap(secretNamesOf));
    const configs: Record<string, McpProcessConfig> = {};
    for (const server of servers) {
      const resolved = resolveMcpServer(server, secrets);
      if (!resolved.ok) throw new Error(missingMessage(server.name, resolved.missing));
      configs[resolved.server.name] = resolved.server.config;
    }
    return configs;
  }

  get(serverId: string): McpServer {
    const server = this.list().find((candidate) => candidate.id === serverId);
    if (!server) throw notFound('MCP server', serverId);
    return server;
  }

  /** Tasks show which servers they use, and the library which tasks use it. */
  announce(): void {
    this.deps.bus.emit('mcpServers.updated', this.list());
  }
}

export type { ResolvedMcpServer };

function withUsers(server: McpServerRecord, tasks: Task[]): McpServer {
  return {
    ...server,
    usedBy: tasks
      .filter((task) => task.mcpServerIds.includes(server.id))
      .map((task) => ({ taskId: task.id, title: task.title })),
  };
}

/** Only the fields the transport uses are kept, so a switch of transport leaves nothing stale. */
function normalized(fields: ServerFields): Omit<McpServerRecord, 'id' | 'createdAt' | 'updatedAt'> {
  const stdio = fields.transport === 'stdio';
  return {
    name: fields.name,
    transport: fields.transport,
    command: stdio ? (fields.command ?? null) : null,
    args: stdio ? (fields.args ?? []) : [],
    env: stdio ? (fields.env ?? []) : [],
    url: stdio ? null : (fields.url ?? null),
    headers: stdio ? [] : (fields.headers ?? []),
  };
}

function missingMessage(server: string, missing: string[]): string {
  const many = missing.length > 1;
  return `The MCP server ${server} needs the secret${many ? 's' : ''} ${missing.join(', ')}, which ${many ? 'are' : 'is'} not in the keychain. Add ${many ? 'them' : 'it'} in Settings → Secrets.`;
}
