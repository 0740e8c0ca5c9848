// A library server's settings turned into what Claude Code is given: plain values as they are,
// keychain-drawn ones read now, for this session only. A missing secret is named, never guessed.
import type {
  McpHttpServerConfig,
  McpSSEServerConfig,
  McpStdioServerConfig,
} from '@anthropic-ai/claude-agent-sdk';
import type { McpServer, McpSetting } from '../../../shared/domain';

export type McpProcessConfig = McpStdioServerConfig | McpHttpServerConfig | McpSSEServerConfig;

export interface ResolvedMcpServer {
  name: string;
  config: McpProcessConfig;
}

/** The keychain secrets a server's settings draw on. */
export function secretNamesOf(server: Pick<McpServer, 'env' | 'headers'>): string[] {
  return [...server.env, ...server.headers].flatMap((setting) =>
    'secret' in setting ? [setting.secret] : [],
  );
}

/**
 * The server as Claude Code takes it, or the secrets it needs that `secrets` lacks.
 * `secrets`: values by keychain name.
 */
export function resolveMcpServer(
  server: Pick<McpServer, 'name' | 'transport' | 'command' | 'args' | 'env' | 'url' | 'headers'>,
  secrets: Readonly<Record<string, string>>,
): { ok: true; server: ResolvedMcpServer } | { ok: false; missing: string[] } {
  const missing = secretNamesOf(server).filter((name) => secrets[name] === undefined);
  if (missing.length > 0) return { ok: false, missing: [...new Set(missing)] };
  const values = (settings: McpSetting[]) =>
    Object.fromEntries(
      settings.map((setting) => [
        setting.name,
        'secret' in setting ? (secrets[setting.secret] ?? '') : setting.value,
      ]),
    );
  // A server attached to a task is there for its runs: its tools are in the prompt from the
  // first turn (Claude Code otherwise connects in the background and may start without them).
  if (server.transport === 'stdio') {
    const config: McpStdioServerConfig = {
      type: 'stdio',
      command: server.command ?? '',
      args: server.args,
      alwaysLoad: true,
    };
    if (server.env.length > 0) config.env = values(server.env);
    return { ok: true, server: { name: server.name, config } };
  }
  const config: McpHttpServerConfig | McpSSEServerConfig = {
    type: server.transport,
    url: server.url ?? '',
    alwaysLoad: true,
  };
  if (server.headers.length > 0) config.headers = values(server.headers);
  return { ok: true, server: { name: server.name, config } };
}
