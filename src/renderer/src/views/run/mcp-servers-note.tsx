// The session's MCP servers at the top of its transcript: each one's state in words, a failure
// with Claude Code's reason, so a tool that never shows up is explained where the run starts.
import type { McpServerState } from '../../../../shared/domain';
import { MCP_STATUS_WORDS, shownMcpServers, toolCountText } from './mcp-servers-text';

export function McpServersNote(props: { servers: McpServerState[] }) {
  const servers = shownMcpServers(props.servers);
  if (servers.length === 0) return null;
  const failed = servers.some((server) => server.status === 'failed');
  return (
    <div
      className={failed ? 'entry callout tone-danger mcp-servers' : 'entry entry-note mcp-servers'}
      role="group"
      aria-label="MCP servers"
    >
      MCP servers:{' '}
      {servers.map((server, index) => (
        <span key={server.name} className="mcp-server">
          {index > 0 && '; '}
          <code>{server.name}</code>{' '}
          <span className={`mcp-status mcp-status-${server.status}`}>
            {MCP_STATUS_WORDS[server.status] ?? server.status}
          </span>
          {toolCountText(server)}
          {server.error && <span className="error-text">: {server.error}</span>}
        </span>
      ))}
    </div>
  );
}
