// A task's own MCP servers, with the real Claude Code binary against the fake API: a library
// server (a small stdio server in tests/fixtures/mcp, one setting drawn from the keychain) is
// tested from the library, reaches the session of the task it is attached to, whose call of its
// tool goes through an approval naming it, and its status heads the transcript; a task without it
// never sees it; a server that cannot start shows as failed, with the reason.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Approval, RunEvent } from '../../src/shared/domain';
import { tempDir } from '../support/claude-env';
import { sharedEngineStack } from '../support/engine-stack';
import { waitFor } from '../support/serve-process';
import { startTask } from '../support/start-task';

const stack = sharedEngineStack();
const ECHO_SERVER = fileURLToPath(new URL('../fixtures/mcp/echo-server.mjs', import.meta.url));
/** Claude Code runs at a lower priority: on a loaded machine a session takes its time to start. */
const SLOW_MS = 150_000;
const GREETING = `greeting-${Date.now()}-kept-in-the-keychain`;

function pendingApproval(runId: string): Promise<Approval> {
  return waitFor(
    `a pending approval for ${runId}`,
    async () =>
      (await stack.harness.call('approvals.list', { status: 'pending' })).find(
        (a) => a.runId === runId,
      ),
    SLOW_MS,
  );
}

function mcpStates(events: RunEvent[]) {
  return events.flatMap((event) => (event.type === 'mcp_servers' ? [event.servers] : []));
}

async function saveEcho(name: string, env: { name: string; value?: string; secret?: string }[]) {
  return stack.harness.call('mcpServers.save', {
    name,
    transport: 'stdio',
    command: process.execPath,
    args: [ECHO_SERVER],
    env: env.map((setting) =>
      setting.secret === undefined
        ? { name: setting.name, value: setting.value ?? '' }
        : { name: setting.name, secret: setting.secret },
    ),
  });
}

describe('per-task MCP servers', () => {
  it(
    'tests a library server, gives it to its task only, and asks before its tool',
    async () => {
      const { harness } = stack;
      const call = harness.call.bind(harness);
      const waitForRun = harness.waitForRun.bind(harness);
      await call('secrets.set', { name: 'ECHO_SECRET', value: GREETING });
      const echo = await saveEcho('echo', [{ name: 'ECHO_GREETING', secret: 'ECHO_SECRET' }]);
      expect(echo.env).toEqual([{ name: 'ECHO_GREETING', secret: 'ECHO_SECRET' }]);

      const tested = await call('mcpServers.test', {
        name: 'echo',
        transport: 'stdio',
        command: process.execPath,
        args: [ECHO_SERVER],
        env: [{ name: 'ECHO_GREETING', secret: 'ECHO_SECRET' }],
      });
      expect(tested.error).toBeNull();
      expect(tested.tools.map((tool) => tool.name)).toEqual(['shout', 'whoami']);

      const { task, run } = await startTask(stack.harness, {
        title: 'With the echo server',
        prompt: '[scenario:mcp tool=mcp__echo__shout text=hello]',
        cwd: tempDir('mcp-with'),
        mcpServerIds: [echo.id],
      });
      expect(task.mcpServerIds).toEqual([echo.id]);
      const asked = await pendingApproval(run.id);
      expect(asked.toolName).toBe('mcp__echo__shout');
      expect(asked.input).toEqual({ text: 'hello' });
      await call('approvals.decide', { approvalId: asked.id, decision: 'allow' });
      const done = await waitForRun(run.id, ['succeeded', 'failed'], SLOW_MS);
      expect(done.error).toBeNull();
      expect(done.result).toContain('ECHO: HELLO');

      const events = await call('runs.events', { runId: run.id });
      const states = mcpStates(events);
      expect(states.length).toBeGreaterThan(0);
      expect(states.at(-1)).toContainEqual(
        expect.objectContaining({ name: 'echo', status: 'connected' }),
      );
      // Its status comes before anything the agent did.
      const firstState = events.findIndex((event) => event.type === 'mcp_servers');
      const firstTool = events.findIndex((event) => event.type === 'tool_use');
      expect(firstState).toBeLessThan(firstTool);
      // The library shows who uses it; the secret's value was never stored or sent to the model.
      expect((await call('mcpServers.list', {}))[0]?.usedBy).toEqual([
        { taskId: task.id, title: task.title },
      ]);
      expect(JSON.stringify(events)).not.toContain(GREETING);
      expect(stack.fake.bodies.join('\n')).not.toContain(GREETING);

      // A task without the server does not see it.
      const other = await startTask(stack.harness, {
        title: 'Without it',
        prompt: '[scenario:mcp tool=mcp__echo__shout]',
        cwd: tempDir('mcp-without'),
      });
      const otherDone = await waitForRun(other.run.id, ['succeeded', 'failed'], SLOW_MS);
      expect(otherDone.result).toContain('No tool mcp__echo__shout here');
      const otherEvents = await call('runs.events', { runId: other.run.id });
      expect(
        mcpStates(otherEvents)
          .flat()
          .map((server) => server.name),
      ).not.toContain('echo');
      expect(await call('approvals.list', { runId: other.run.id })).toEqual([]);

      // Still attached: the library refuses to delete it, and says where it is used.
      await expect(call('mcpServers.delete', { serverId: echo.id })).rejects.toThrow(
        /attached to “With the echo server”/,
      );
    },
    3 * SLOW_MS,
  );

  it(
    'shows a server that cannot start as failed, with the reason',
    async () => {
      const { harness } = stack;
      const call = harness.call.bind(harness);
      const waitForRun = harness.waitForRun.bind(harness);
      const broken = await saveEcho('broken', [{ name: 'ECHO_FAIL_AT_START', value: '1' }]);
      const tested = await call('mcpServers.test', {
        name: 'broken',
        transport: 'stdio',
        command: process.execPath,
        args: [ECHO_SERVER],
        env: [{ name: 'ECHO_FAIL_AT_START', value: '1' }],
      });
      expect(tested.ok).toBe(false);
      expect(tested.error).toContain('told to fail at start');

      const { run } = await startTask(stack.harness, {
        title: 'With a broken server',
        prompt: '[scenario:text say=done]',
        cwd: tempDir('mcp-broken'),
        mcpServerIds: [broken.id],
      });
      await waitForRun(run.id, ['succeeded', 'failed'], SLOW_MS);
      const settled = await waitFor(
        'the broken server to settle',
        async () => {
          const states = mcpStates(await call('runs.events', { runId: run.id })).at(-1);
          const server = states?.find((state) => state.name === 'broken');
          return server?.status === 'failed' ? server : undefined;
        },
        SLOW_MS,
      );
      expect(settled.status).toBe('failed');
    },
    3 * SLOW_MS,
  );

  it('refuses a run whose server needs a secret the keychain lacks, naming it', async () => {
    const { harness } = stack;
    const waitForRun = harness.waitForRun.bind(harness);
    const needy = await saveEcho('needy', [{ name: 'ECHO_GREETING', secret: 'NOT_STORED' }]);
    const { run } = await startTask(stack.harness, {
      title: 'Needs a secret',
      prompt: '[scenario:text say=never]',
      cwd: tempDir('mcp-needy'),
      mcpServerIds: [needy.id],
    });
    const done = await waitForRun(run.id, ['failed']);
    expect(done.error).toContain('needs the secret NOT_STORED');
  }, 60_000);
});
