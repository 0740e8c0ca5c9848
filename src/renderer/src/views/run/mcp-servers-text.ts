// The session's MCP servers in words (the transcript's note and its find), one place for both.
import type { McpServerState } from '../../../../shared/domain';

export const MCP_STATUS_WORDS: Record<string, string> = {
  connected: 'connected',
  failed: 'failed',
  pending: 'connecting…',
  'needs-auth': 'needs signing in',
  disabled: 'disabled',
};

export function toolCountText(server: McpServerState): string {
  if (server.toolCount === undefined) return '';
  return ` (${server.toolCount} ${server.toolCount === 1 ? 'tool' : 'tools'})`;
}

/** Switchboard's own server is in every run; it is not news. */
export function shownMcpServers(servers: McpServerState[]): McpServerState[] {
  return servers.filter((server) => !(server.name === 'switchboard' && server.source === 'sdk'));
}

export function mcpServersText(servers: McpServerState[]): string {
  const described = shownMcpServers(servers).map((server) => {
    const status = MCP_STATUS_WORDS[server.status] ?? server.status;
    const reason = server.error ? `: ${server.error}` : '';
    return `${server.name} ${status}${toolCountText(server)}${reason}`;
  });
  return `MCP servers: ${described.join('; ')}`;
}
