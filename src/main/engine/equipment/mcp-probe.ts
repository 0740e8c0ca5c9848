// "Test" for an MCP server: starts it (stdio) or reaches it (http, sse) the way Claude Code
// would, lists its tools and closes it again, with a deadline, saying in words what went wrong.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpTestResult } from '../../../shared/domain';
import type { ResolvedMcpServer } from './mcp-settings';

const PROBE_DEADLINE_MS = 20_000;
const STDERR_TAIL_CHARS = 2_000;

export type McpProbe = (server: ResolvedMcpServer) => Promise<McpTestResult>;

/**
 * `baseEnv`: what a stdio server inherits besides its own settings (PATH, HOME, …), as it would
 * inherit it from Claude Code.
 */
export function mcpProbe(
  baseEnv: Record<string, string | undefined>,
  deadlineMs = PROBE_DEADLINE_MS,
): McpProbe {
  return async (server) => {
    const started = Date.now();
    let stderr = '';
    const transport = transportFor(server, baseEnv, (text) => {
      stderr = (stderr + text).slice(-STDERR_TAIL_CHARS);
    });
    const client = new Client({ name: 'switchboard-test', version: '1' });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${Math.round(deadlineMs / 1000)} s`)),
        deadlineMs,
      );
    });
    try {
      await Promise.race([client.connect(transport), deadline]);
      const listed = await Promise.race([client.listTools(), deadline]);
      return {
        ok: true,
        tools: listed.tools.map((tool) => ({
          name: tool.name,
          description: tool.description ?? null,
        })),
        error: null,
        durationMs: Date.now() - started,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const tail = stderr.trim().split('\n').slice(-5).join('\n');
      return {
        ok: false,
        tools: [],
        error: tail && !message.includes(tail) ? `${message}\n${tail}` : message,
        durationMs: Date.now() - started,
      };
    } finally {
      clearTimeout(timer);
      await client.close().catch(() => undefined);
    }
  };
}

function transportFor(
  server: ResolvedMcpServer,
  baseEnv: Record<string, string | undefined>,
  onStderr: (text: string) => void,
): Transport {
  if (server.config.type === 'http' || server.config.type === 'sse') {
    const url = new URL(server.config.url);
    const requestInit = { headers: server.config.headers ?? {} };
    if (server.config.type === 'http')
      return new StreamableHTTPClientTransport(url, { requestInit });
    // Deprecated by MCP, still served by servers people run, and Claude Code still takes it.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    return new SSEClientTransport(url, { requestInit });
  }
  const transport = new StdioClientTransport({
    command: server.config.command,
    args: server.config.args ?? [],
    env: { ...definedOnly(baseEnv), ...server.config.env },
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (chunk: Buffer) => onStderr(chunk.toString('utf8')));
  return transport;
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
