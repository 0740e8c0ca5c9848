// Secret values a session was given never reach what is recorded: events, result, error and
// approvals are stored (SQLite) and pushed with [redacted:NAME], even when streamed in pieces.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Options, SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  MethodInput,
  MethodName,
  MethodResult,
  PushEvent,
} from '../../../../src/shared/contract';
import { dispatch } from '../../../../src/shared/dispatch';
import { createEngine, type Engine } from '../../../../src/main/engine/engine';
import { SecretRedactor } from '../../../../src/main/engine/secrets/secret-redaction';
import { MemorySettingsBackend } from '../../../fakes/memory-settings-backend';
import type { QueryFunction } from '../../../../src/main/engine/runs/session-runner';
import { MemorySecretStore } from '../../../fakes/memory-secret-store';
import { tempDir } from '../../../support/claude-env';
import { bashCall, scriptedQuery, successResult, toolOutput } from '../../../support/sdk-messages';

const TOKEN = 'ghp_S3cr3tT0k3nValue42';
const API_KEY = 'sk-ant-api03-abcdefghijklmnop';

describe('SecretRedactor', () => {
  const redactor = () =>
    new SecretRedactor({ GH_TOKEN: TOKEN, ANTHROPIC_API_KEY: API_KEY, SHORT: 'abc' });

  it('replaces every occurrence of each value with its name, at any depth', () => {
    const r = redactor();
    expect(r.redactText(`token=${TOKEN} again ${TOKEN} key ${API_KEY}`)).toBe(
      'token=[redacted:GH_TOKEN] again [redacted:GH_TOKEN] key [redacted:ANTHROPIC_API_KEY]',
    );
    expect(r.redact({ a: [{ b: `x${TOKEN}` }], n: 3, none: null })).toEqual({
      a: [{ b: 'x[redacted:GH_TOKEN]' }],
      n: 3,
      none: null,
    });
  });

  it('leaves values too short to redact safely alone', () => {
    expect(redactor().redactText('abc abc')).toBe('abc abc');
  });

  it('catches a value streamed across several text events', () => {
    const r = redactor();
    const pieces = ['Your token is ghp_S3c', 'r3tT0k3', 'nValue42 — keep it safe'];
    const out = pieces.flatMap((text) => r.take({ type: 'text', blockId: 'b1', text }));
    out.push(
      ...r.take({
        type: 'result',
        subtype: 'success',
        isError: false,
        result: null,
        costUsd: 0,
        numTurns: 1,
        durationMs: 1,
      }),
    );
    const text = out.flatMap((d) => (d.type === 'text' ? [d.text] : [])).join('');
    expect(text).toBe('Your token is [redacted:GH_TOKEN] — keep it safe');
    expect(JSON.stringify(out)).not.toContain('S3cr3t');
  });

  it('releases a held tail that turned out not to be a secret', () => {
    const r = redactor();
    expect(r.take({ type: 'text', blockId: 'b1', text: 'look: ghp_' })).toEqual([
      { type: 'text', blockId: 'b1', text: 'look: ' },
    ]);
    expect(r.take({ type: 'text', blockId: 'b2', text: 'next' })).toEqual([
      { type: 'text', blockId: 'b1', text: 'ghp_' },
      { type: 'text', blockId: 'b2', text: 'next' },
    ]);
  });
});

/** A scripted Claude Code session: echoes the secret in streamed text, a tool call, its output and the result. */
function echoingSession(seen: {
  env?: Record<string, string | undefined>;
  updatedInput?: unknown;
}): QueryFunction {
  return ({ options }) => {
    const opts = options as Options;
    seen.env = opts.env;
    const messages = async function* (): AsyncGenerator<SDKMessage> {
      yield {
        type: 'system',
        subtype: 'init',
        session_id: 's1',
        model: 'claude-test',
        cwd: '/tmp',
        tools: ['Bash'],
        claude_code_version: '2.0.0',
        permissionMode: 'default',
      } as unknown as SDKMessage;
      yield stream({ type: 'message_start', message: { id: 'm1' } });
      yield stream({
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'text', text: '' },
      });
      for (const text of ['I found ghp_S3c', 'r3tT0k3nV', 'alue42 in .env']) {
        yield stream({
          type: 'content_block_delta',
          index: 0,
          delta: { type: 'text_delta', text },
        });
        await new Promise((resolve) => setTimeout(resolve, 80)); // let the runner flush between pieces
      }
      yield stream({ type: 'content_block_stop', index: 0 });
      const command = `curl -H "Authorization: ${TOKEN}" https://api.github.com`;
      yield bashCall(command);
      const decision = await opts.canUseTool?.('Bash', { command }, {
        signal: new AbortController().signal,
        toolUseID: 'tu1',
        title: `Run ${command}`,
      } as never);
      seen.updatedInput =
        decision && 'updatedInput' in decision ? decision.updatedInput : undefined;
      yield toolOutput(`echo: ${TOKEN}`);
      yield successResult(`Done; used ${TOKEN}.`, 0.01, 2);
    };
    return scriptedQuery(messages());
  };
}

function stream(event: Record<string, unknown>): SDKMessage {
  return { type: 'stream_event', event } as unknown as SDKMessage;
}

describe('secret redaction in the engine', () => {
  let engine: Engine | undefined;
  afterEach(async () => engine?.stop());

  it('stores and pushes runs that echo a secret with the value replaced by its name', async () => {
    const dataDir = tempDir('redact');
    const secrets = new MemorySecretStore();
    secrets.values.set('GH_TOKEN', TOKEN);
    const seen: { env?: Record<string, string | undefined>; updatedInput?: unknown } = {};
    engine = await createEngine({
      warmSpare: false,
      dataDir,
      holder: 'test',
      env: {},
      settings: new MemorySettingsBackend(),
      secrets,
      query: echoingSession(seen),
    });
    const pushed: PushEvent[] = [];
    engine.subscribe((event) => pushed.push(event));
    const call = async <M extends MethodName>(
      method: M,
      input: MethodInput<M>,
    ): Promise<MethodResult<M>> => {
      const result = await dispatch((engine as Engine).handlers, method, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as MethodResult<M>;
    };

    const task = await call('tasks.create', {
      title: 'Echo',
      prompt: 'show the token',
      cwd: tempDir('redact-work'),
      secretEnv: ['GH_TOKEN'],
    });
    const run = await call('tasks.run', { taskId: task.id });
    const approval = await waitFor(
      async () => (await call('approvals.list', { status: 'pending' }))[0],
    );
    expect(approval.input).toEqual({
      command: 'curl -H "Authorization: [redacted:GH_TOKEN]" https://api.github.com',
    });
    expect(approval.title).toBe(
      'Run curl -H "Authorization: [redacted:GH_TOKEN]" https://api.github.com',
    );
    await call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await waitFor(async () => {
      const current = await call('runs.get', { runId: run.id });
      return current.status === 'succeeded' || current.status === 'failed' ? current : undefined;
    });

    // The session itself got the real value, in its environment and in the approved tool input.
    expect(seen.env?.GH_TOKEN).toBe(TOKEN);
    expect(JSON.stringify(seen.updatedInput)).toContain(TOKEN);

    expect(done.status).toBe('succeeded');
    expect(done.result).toBe('Done; used [redacted:GH_TOKEN].');
    const events = await call('runs.events', { runId: run.id });
    const text = events.flatMap((e) => (e.type === 'text' ? [e.text] : [])).join('');
    expect(text).toBe('I found [redacted:GH_TOKEN] in .env');
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({
      content: 'echo: [redacted:GH_TOKEN]',
    });

    expect(JSON.stringify(events)).not.toContain(TOKEN);
    expect(JSON.stringify(pushed)).not.toContain(TOKEN);
    expect(JSON.stringify(pushed)).toContain('[redacted:GH_TOKEN]');
    await engine.stop();
    engine = undefined;
    // Every file, also in subfolders (the review state of runs, for one).
    const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const path = join(file.parentPath, file.name);
      expect(readFileSync(path).includes(TOKEN), `${path} holds the secret`).toBe(false);
    }
  });
});

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('timed out');
}
