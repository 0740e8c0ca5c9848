// Claude Code names an MCP server's tool `mcp__<server>__<tool>`: which server and tool a request
// is for, so an approval can say it in words.

export function parseMcpToolName(name: string): { server: string; tool: string } | null {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  return match?.[1] && match[2] ? { server: match[1], tool: match[2] } : null;
}
