import type { McpServerStatus, SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { describe, expect, it } from 'vitest';
import { watchMcpServers } from '../../../../src/main/engine/equipment/mcp-status';
import type { McpServerState } from '../../../../src/shared/domain';

function init(servers: { name: string; status: string }[]): SDKMessage {
  return { type: 'system', subtype: 'init', mcp_servers: servers } as unknown as SDKMessage;
}

async function settle(answers: McpServerStatus[][], servers: { name: string; status: string }[]) {
  const settled: McpServerState[][] = [];
  let asked = 0;
  watchMcpServers({
    query: {
      mcpServerStatus: () => Promise.resolve(answers[Math.min(asked++, answers.length - 1)] ?? []),
    },
    message: init(servers),
    onSettled: (states) => settled.push(states),
    wait: () => Promise.resolve(),
  });
  for (let i = 0; i < 20; i++) await Promise.resolve();
  return { settled, asked };
}

describe('watchMcpServers', () => {
  it('asks again until no server is pending, then reports failures with their reasons', async () => {
    const { settled, asked } = await settle(
      [
        [{ name: 'slow', status: 'pending' }],
        [{ name: 'slow', status: 'failed', error: 'exited with code 3' }],
      ],
      [{ name: 'slow', status: 'pending' }],
    );
    expect(asked).toBe(2);
    expect(settled).toEqual([[{ name: 'slow', status: 'failed', error: 'exited with code 3' }]]);
  });

  it('leaves a session whose servers all connected at once alone', async () => {
    const { settled, asked } = await settle([], [{ name: 'echo', status: 'connected' }]);
    expect(asked).toBe(0);
    expect(settled).toEqual([]);
  });
});
