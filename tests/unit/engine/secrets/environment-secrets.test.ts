// Secrets the engine was started with (exported before `serve`) are redacted like keychain ones,
// and tool output is cut only after redaction, so no start of a secret survives at the cut.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../../src/main/engine/engine';
import { MAX_TOOL_RESULT_CHARS } from '../../../../src/main/engine/runs/transcript-normalizer';
import type { QueryFunction } from '../../../../src/main/engine/runs/session-runner';
import {
  isSecretName,
  secretsInEnvironment,
} from '../../../../src/main/engine/secrets/environment-secrets';
import { MemorySettingsBackend } from '../../../fakes/memory-settings-backend';
import type { MethodInput, MethodName, MethodResult } from '../../../../src/shared/contract';
import { dispatch } from '../../../../src/shared/dispatch';
import { MemorySecretStore } from '../../../fakes/memory-secret-store';
import { tempDir } from '../../../support/claude-env';
import { bashCall, scriptedQuery, successResult, toolOutput } from '../../../support/sdk-messages';

const ENV_KEY = 'Qx7-env-api-key-0123456789abcdef';

describe('secrets in the environment', () => {
  it('are told by name', () => {
    for (const name of [
      'ANTHROPIC_API_KEY',
      'CLAUDE_CODE_OAUTH_TOKEN',
      'GITHUB_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'DB_PASSWORD',
      'npm_config__authToken'.toUpperCase(),
      'STRIPE_KEY',
      'MY_CREDENTIALS_FILE_CONTENT',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of [
      'PATH',
      'HOME',
      'PWD',
      'KEYBOARD_LAYOUT',
      'SSH_AUTH_SOCK',
      'TOKENIZERS_X',
    ]) {
      expect(isSecretName(name), name).toBe(false);
    }
    expect(
      secretsInEnvironment({ ANTHROPIC_API_KEY: ENV_KEY, GITHUB_TOKEN: '1', HOME: '/home/me' }),
    ).toEqual({ ANTHROPIC_API_KEY: ENV_KEY });
  });
});

describe('redaction of environment secrets in the engine', () => {
  let engine: Engine | undefined;
  afterEach(async () => engine?.stop());

  it('records tool output cut at the limit without any start of the secret', async () => {
    const dataDir = tempDir('env-redact');
    // The secret straddles the cut: cutting first would keep its first five characters.
    const output = 'x'.repeat(MAX_TOOL_RESULT_CHARS - 5) + ENV_KEY + ' and more';
    engine = await createEngine({
      warmSpare: false,
      dataDir,
      holder: 'test',
      env: { ANTHROPIC_API_KEY: ENV_KEY, HOME: '/home/me' },
      settings: new MemorySettingsBackend(),
      secrets: new MemorySecretStore(),
      query: toolOutputSession(output),
    });
    const call = async <M extends MethodName>(method: M, input: MethodInput<M>) => {
      const result = await dispatch((engine as Engine).handlers, method, input);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as MethodResult<M>;
    };
    const task = await call('tasks.create', {
      title: 'Echo',
      prompt: 'echo the key',
      cwd: tempDir('env-redact-work'),
    });
    const run = await call('tasks.run', { taskId: task.id });
    const deadline = Date.now() + 10_000;
    while ((await call('runs.get', { runId: run.id })).status !== 'succeeded') {
      if (Date.now() > deadline) throw new Error('the run did not finish');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const events = await call('runs.events', { runId: run.id });
    const result = events.find((event) => event.type === 'tool_result');
    const content = result?.type === 'tool_result' ? result.content : '';
    // Cut inside the marker that replaced the secret, not inside the secret.
    const kept = content.slice(MAX_TOOL_RESULT_CHARS - 5, MAX_TOOL_RESULT_CHARS);
    expect(kept).toBe('[reda');
    expect(content.endsWith('more characters not kept)')).toBe(true);
    const stored = JSON.stringify(events);
    for (let length = 5; length <= ENV_KEY.length; length++) {
      expect(stored, `a ${length}-character start of the secret`).not.toContain(
        ENV_KEY.slice(0, length),
      );
    }
  });
});

/** A session that makes one tool call whose output is `output`, then ends. */
function toolOutputSession(output: string): QueryFunction {
  return () => {
    async function* messages(): AsyncGenerator<SDKMessage> {
      await Promise.resolve();
      yield bashCall('env');
      yield toolOutput(output);
      yield successResult('done');
    }
    return scriptedQuery(messages());
  };
}
