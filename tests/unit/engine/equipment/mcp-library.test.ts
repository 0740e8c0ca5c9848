import { describe, expect, it } from 'vitest';
import { McpLibrary } from '../../../../src/main/engine/equipment/mcp-library';
import type { McpProbe } from '../../../../src/main/engine/equipment/mcp-probe';
import { EventBus } from '../../../../src/main/engine/event-bus';
import { openStore } from '../../../support/store-fixtures';
import { taskRecord } from '../../../support/records';

function library(secrets: Record<string, string> = {}) {
  const store = openStore();
  const bus = new EventBus();
  const probed: Parameters<McpProbe>[0][] = [];
  const mcp = new McpLibrary({
    store,
    bus,
    clock: () => 1_000,
    secretValues: (names) => {
      const found: Record<string, string> = {};
      for (const name of names) {
        const value = secrets[name];
        if (value !== undefined) found[name] = value;
      }
      return Promise.resolve(found);
    },
    probe: (server) => {
      probed.push(server);
      return Promise.resolve({ ok: true, tools: [], error: null, durationMs: 1 });
    },
  });
  return { store, mcp, probed };
}

const stdio = {
  name: 'db',
  transport: 'stdio' as const,
  command: 'db-server',
  args: ['--read-only'],
  env: [
    { name: 'DB_URL', value: 'postgres://localhost/app' },
    { name: 'DB_PASSWORD', secret: 'DB_PASSWORD' },
  ],
};

describe('McpLibrary', () => {
  it('keeps the name of a keychain secret, never its value, and fills it in for a session', async () => {
    const { store, mcp } = library({ DB_PASSWORD: 'hunter2' });
    const saved = mcp.save(stdio);
    expect(JSON.stringify(store.mcpServers.list())).not.toContain('hunter2');
    store.tasks.insert(taskRecord({ id: 'task_1', mcpServerIds: [saved.id] }));
    expect(await mcp.forTask({ mcpServerIds: [saved.id] })).toEqual({
      db: {
        type: 'stdio',
        command: 'db-server',
        args: ['--read-only'],
        env: { DB_URL: 'postgres://localhost/app', DB_PASSWORD: 'hunter2' },
        alwaysLoad: true,
      },
    });
  });

  it('refuses a session whose server needs a secret the keychain lacks, naming it', async () => {
    const { mcp } = library();
    const saved = mcp.save(stdio);
    await expect(mcp.forTask({ mcpServerIds: [saved.id] })).rejects.toThrow(
      'The MCP server db needs the secret DB_PASSWORD',
    );
  });

  it('tests what it is given with its secrets, or says which is missing without starting it', async () => {
    const { mcp, probed } = library({ DB_PASSWORD: 'hunter2' });
    expect((await mcp.test(stdio)).ok).toBe(true);
    expect(probed[0]?.config).toMatchObject({ env: { DB_PASSWORD: 'hunter2' } });
    const missing = await mcp.test({
      ...stdio,
      env: [{ name: 'TOKEN', secret: 'NOT_THERE' }],
    });
    expect(missing.ok).toBe(false);
    expect(missing.error).toContain('NOT_THERE');
    expect(probed).toHaveLength(1);
  });

  it('keeps only what the transport uses, and one name per server', () => {
    const { mcp } = library();
    const saved = mcp.save(stdio);
    const http = mcp.save({
      ...stdio,
      serverId: saved.id,
      transport: 'http',
      url: 'https://mcp.example.com/mcp',
      headers: [{ name: 'Authorization', secret: 'DB_PASSWORD' }],
    });
    expect(http).toMatchObject({ command: null, args: [], env: [], createdAt: 1_000 });
    expect(() => mcp.save({ ...stdio, name: 'db' })).toThrow(/already in the library/);
  });

  it('will not delete a server a task uses, and says which', () => {
    const { store, mcp } = library();
    const saved = mcp.save(stdio);
    store.tasks.insert(taskRecord({ id: 'task_1', title: 'Nightly', mcpServerIds: [saved.id] }));
    expect(mcp.get(saved.id).usedBy).toEqual([{ taskId: 'task_1', title: 'Nightly' }]);
    expect(() => mcp.delete(saved.id)).toThrow(/attached to “Nightly”/);
    store.tasks.update({ ...taskRecord({ id: 'task_1', title: 'Nightly' }), mcpServerIds: [] });
    expect(mcp.delete(saved.id)).toEqual({ ok: true });
    expect(mcp.list()).toEqual([]);
  });
});
