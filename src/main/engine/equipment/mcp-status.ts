// The session's MCP servers for the top of its transcript: what Claude Code's init message says,
// then, when one is still connecting or has failed, its settled state with the reason (the init
// message carries no reasons, and servers connect in the background).
import type { McpServerStatus, Query, SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import type { McpServerState } from '../../../shared/domain';

type InitMessage = Extract<SDKMessage, { type: 'system'; subtype: 'init' }>;

const SETTLE_POLL_MS = 500;
const SETTLE_POLLS = 40;

export function statesFromInit(message: Pick<InitMessage, 'mcp_servers'>): McpServerState[] {
  // Outside data: a Claude Code that predates the field sends none.
  const servers: unknown = message.mcp_servers;
  if (!Array.isArray(servers)) return [];
  return message.mcp_servers.map((server) => ({
    name: server.name,
    status: server.status,
    ...(server.source === undefined ? {} : { source: server.source }),
  }));
}

export function statesFromStatus(servers: McpServerStatus[]): McpServerState[] {
  return servers.map((server) => {
    const state: McpServerState = { name: server.name, status: server.status };
    if (server.error) state.error = server.error;
    if (server.source) state.source = server.source;
    if (server.tools) state.toolCount = server.tools.length;
    return state;
  });
}

/**
 * After the init message: asks Claude Code until no server is pending, then hands the states on
 * (with failures' reasons and tool counts). Does nothing when every server connected at once.
 * Gives up quietly if the session ends first.
 */
export function watchMcpServers(params: {
  query: Pick<Query, 'mcpServerStatus'>;
  message: SDKMessage;
  onSettled: (servers: McpServerState[]) => void;
  wait?: (ms: number) => Promise<void>;
}): void {
  const { message } = params;
  if (message.type !== 'system' || message.subtype !== 'init') return;
  const initial = statesFromInit(message);
  if (!initial.some((server) => server.status === 'pending' || server.status === 'failed')) return;
  const wait =
    params.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  void (async () => {
    for (let poll = 0; poll < SETTLE_POLLS; poll++) {
      const states = statesFromStatus(await params.query.mcpServerStatus());
      if (!states.some((server) => server.status === 'pending')) {
        params.onSettled(states);
        return;
      }
      await wait(SETTLE_POLL_MS);
    }
  })().catch(() => undefined);
}
