// The review's start hook with the REAL Claude Code binary against the fake API: Claude Code runs
// it for the calls that may change files (Bash, Write, an MCP tool) and not for reads (Read,
// Grep, Glob), which so skip a round trip to the engine.
import {
  createSdkMcpServer,
  query,
  tool,
  type HookCallbackMatcher,
} from '@anthropic-ai/claude-agent-sdk';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { touchedFilesHooks } from '../../src/main/engine/review/touched-files';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { claudeEnv, tempDir } from '../support/claude-env';

let fake: FakeAnthropic;
beforeAll(async () => {
  fake = await startFakeAnthropic();
});
afterAll(() => fake.close());

/** The product's hooks, each callback wrapped to note the tool it was called for. */
function recorded(hooks: HookCallbackMatcher[], seen: string[]): HookCallbackMatcher[] {
  return hooks.map((matcher) => ({
    ...matcher,
    hooks: matcher.hooks.map((hook) => (input, toolUseId, context) => {
      if (input.hook_event_name === 'PreToolUse') seen.push(input.tool_name);
      return hook(input, toolUseId, context);
    }),
  }));
}

describe('the review start hook', () => {
  it('runs for Bash, Write and MCP tools, and not for Read, Grep or Glob', async () => {
    const dir = tempDir('hooked');
    writeFileSync(join(dir, 'a.txt'), 'alpha\n');
    const mcp = createSdkMcpServer({
      name: 'sb',
      tools: [
        tool(
          'touch',
          'Creates an empty file in the working folder.',
          { name: z.string() },
          ({ name }) => {
            writeFileSync(join(dir, name), '');
            return Promise.resolve({ content: [{ type: 'text', text: `created ${name}` }] });
          },
          { alwaysLoad: true },
        ),
      ],
    });
    const seen: string[] = [];
    const hooks = touchedFilesHooks(Promise.resolve(null), dir).PreToolUse ?? [];
    const called: string[] = [];

    const session = query({
      prompt: `[scenario:tooltour dir=${encodeURIComponent(dir)} mcp=mcp__sb__touch]`,
      options: {
        cwd: dir,
        env: { ...process.env, ...claudeEnv(fake.url) },
        hooks: { PreToolUse: recorded(hooks, seen) },
        mcpServers: { sb: mcp },
        // As root Claude Code refuses bypassPermissions: every call is allowed here instead.
        canUseTool: (_name, input) => Promise.resolve({ behavior: 'allow', updatedInput: input }),
      },
    });
    let result = '';
    for await (const message of session) {
      if (message.type === 'assistant') {
        for (const block of message.message.content) {
          if (block.type === 'tool_use') called.push(block.name);
        }
      }
      if (message.type === 'result') result = message.subtype;
    }

    expect(result).toBe('success');
    expect(called).toEqual(['Read', 'Grep', 'Glob', 'Bash', 'Write', 'mcp__sb__touch']);
    expect(seen).toEqual(['Bash', 'Write', 'mcp__sb__touch']);
    // The calls really ran, so the hook was skipped for reads, not for tools that failed.
    expect(existsSync(join(dir, 'ran.txt'))).toBe(true);
    expect(existsSync(join(dir, 'written.txt'))).toBe(true);
    expect(existsSync(join(dir, 'from-mcp.txt'))).toBe(true);
  }, 120_000);
});
