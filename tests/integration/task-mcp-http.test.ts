// A library MCP server reached over streamable HTTP, with the real Claude Code binary against the
// fake API: its Authorization header is drawn from the keychain by name; Test lists its tools
// (and a wrong token says it failed); the task's run connects, calls its tool through an
// approval naming the server, and the token reaches neither the stored events nor the model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval, RunEvent } from '../../src/shared/domain';
import { startHttpEchoServer, type HttpEchoServer } from '../fixtures/mcp/http-echo-server';
import { tempDir } from '../support/claude-env';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();
/** Claude Code runs at a lower priority: on a loaded machine a session takes its time to start. */
const SLOW_MS = 150_000;
const TOKEN = `http-token-${Date.now()}-from-the-keychain`;

let echo: HttpEchoServer;
beforeAll(async () => {
  echo = await startHttpEchoServer(TOKEN);
});
afterAll(() => echo.close());

function mcpStates(events: RunEvent[]) {
  return events.flatMap((event) => (event.type === 'mcp_servers' ? [event.servers] : []));
}

describe('an HTTP MCP server', () => {
  it(
    'is tested, reached with a keychain header, and its tool asks first',
    async () => {
      const { harness, fake } = stack;
      const call = harness.call.bind(harness);
      await call('secrets.set', { name: 'HTTP_ECHO_AUTH', value: `Bearer ${TOKEN}` });
      const settings = {
        name: 'httpecho',
        transport: 'http' as const,
        url: echo.url,
        headers: [{ name: 'Authorization', secret: 'HTTP_ECHO_AUTH' }],
      };
      const tested = await call('mcpServers.test', settings);
      expect(tested.error).toBeNull();
      expect(tested.tools.map((tool) => tool.name)).toEqual(['shout']);
      // The same server with a wrong token: the Test says it failed.
      await call('secrets.set', { name: 'HTTP_ECHO_WRONG', value: 'Bearer nope' });
      const refused = await call('mcpServers.test', {
        ...settings,
        headers: [{ name: 'Authorization', secret: 'HTTP_ECHO_WRONG' }],
      });
      expect(refused.ok).toBe(false);
      expect(echo.refused).toBeGreaterThan(0);

      const saved = await call('mcpServers.save', settings);
      const { run } = await startTask(harness, {
        title: 'Shout over HTTP',
        prompt: '[scenario:mcp tool=mcp__httpecho__shout text=hello]',
        cwd: tempDir('mcp-http'),
        mcpServerIds: [saved.id],
      });
      const asked: Approval = await waitFor(
        'the approval of the HTTP tool',
        async () =>
          (await call('approvals.list', { status: 'pending' })).find((a) => a.runId === run.id),
        SLOW_MS,
      );
      expect(asked.toolName).toBe('mcp__httpecho__shout');
      await call('approvals.decide', { approvalId: asked.id, decision: 'allow' });
      const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], SLOW_MS);
      expect(done.result).toContain('HTTP ECHO: HELLO');
      expect(echo.calls).toBe(1);

      const events = await call('runs.events', { runId: run.id });
      expect(mcpStates(events).at(-1)).toContainEqual(
        expect.objectContaining({ name: 'httpecho', status: 'connected' }),
      );
      expect(JSON.stringify(events)).not.toContain(TOKEN);
      expect(fake.bodies.join('\n')).not.toContain(TOKEN);
    },
    3 * SLOW_MS,
  );
});
