// The keychain secret store against the REAL OS keychain (Secret Service via gnome-keyring in CI),
// through the API and into a real Claude Code session whose transcript must show the value redacted.
// Without a reachable keychain these tests are skipped, unless SWITCHBOARD_REQUIRE_KEYCHAIN=1,
// which CI sets so they fail instead: CI runs `npm test` inside dbus-run-session with an unlocked
// gnome-keyring (see .ci/run).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { dispatch } from '../../src/shared/dispatch';
import { ApiError } from '../../src/shared/errors';
import { createEngine, type Engine } from '../../src/main/engine/engine';
import {
  KeychainSecretStore,
  type KeytarApi,
} from '../../src/main/engine/secrets/keychain-secret-store';
import { SecretService } from '../../src/main/engine/secrets/secret-service';
import { MemorySettingsBackend } from '../fakes/memory-settings-backend';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { claudeEnv, tempDir } from '../support/claude-env';
import { waitFor } from '../support/serve-process';

/** Our own service name, so the test never touches a person's real Switchboard secrets. */
const SERVICE = `Switchboard-test-${process.pid}-${Date.now()}`;
const REQUIRED = process.env.SWITCHBOARD_REQUIRE_KEYCHAIN === '1';
const probe = await new KeychainSecretStore({ service: SERVICE }).availability();
if (!probe.available && !REQUIRED) {
  console.warn(
    `keychain.test.ts: real keychain tests SKIPPED — ${probe.reason ?? 'no keychain'}\n` +
      "  Run them with a Secret Service: dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon " +
      "--unlock --components=secrets; npm test'. CI sets SWITCHBOARD_REQUIRE_KEYCHAIN=1 so they fail, not skip.",
  );
}

describe('keychain availability (required in CI)', () => {
  it.runIf(REQUIRED)('reaches a real keychain because SWITCHBOARD_REQUIRE_KEYCHAIN=1', () => {
    expect(probe.reason, 'SWITCHBOARD_REQUIRE_KEYCHAIN=1 but no keychain is reachable').toBeNull();
    expect(probe.available).toBe(true);
  });
});

describe.runIf(probe.available || REQUIRED)('the real OS keychain', () => {
  const store = new KeychainSecretStore({ service: SERVICE });

  afterAll(async () => {
    for (const name of await store.names().catch(() => [])) await store.delete(name);
  });

  it('stores, lists, reads, overwrites and deletes secrets by name', async () => {
    await store.set('GH_TOKEN', 'ghp_first');
    await store.set('ANTHROPIC_API_KEY', 'sk-ant-test');
    expect(await store.names()).toEqual(['ANTHROPIC_API_KEY', 'GH_TOKEN']);
    expect(await store.get('GH_TOKEN')).toBe('ghp_first');
    await store.set('GH_TOKEN', 'ghp_second');
    expect(await store.get('GH_TOKEN')).toBe('ghp_second');
    await store.delete('GH_TOKEN');
    await store.delete('NEVER_SET');
    expect(await store.get('GH_TOKEN')).toBeNull();
    expect(await store.names()).toEqual(['ANTHROPIC_API_KEY']);
    await store.delete('ANTHROPIC_API_KEY');
  });

  it('shows names only through the service, and values only in a session environment', async () => {
    const service = new SecretService(store);
    const state = await service.set('DEPLOY_KEY', 'value-never-listed');
    expect(state).toEqual({ available: true, reason: null, secrets: [{ name: 'DEPLOY_KEY' }] });
    expect(JSON.stringify(state)).not.toContain('value-never-listed');
    expect(await service.envFor(['DEPLOY_KEY', 'MISSING'])).toEqual({
      DEPLOY_KEY: 'value-never-listed',
    });
    expect((await service.delete('DEPLOY_KEY')).secrets).toEqual([]);
  });

  describe('with the real Claude Code CLI', () => {
    const SECRET = `kc-secret-${Date.now()}-value`;
    let fake: FakeAnthropic;
    let engine: Engine;
    let dataDir: string;
    const call = async <M extends MethodName>(
      method: M,
      input: MethodInput<M>,
    ): Promise<MethodResult<M>> => {
      const result = await dispatch(engine.handlers, method, input);
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
      return result.value as MethodResult<M>;
    };

    beforeAll(async () => {
      fake = await startFakeAnthropic();
      dataDir = tempDir('keychain-engine');
      engine = await createEngine({
        dataDir,
        holder: 'test',
        env: { ...process.env, ...claudeEnv(fake.url) },
        settings: new MemorySettingsBackend(),
        secrets: new KeychainSecretStore({ service: SERVICE }),
        cancelGraceMs: 1_500,
      });
    });
    afterAll(async () => {
      await engine.stop();
      await fake.close();
    });

    it('passes a keychain secret to the session and records its echo as [redacted:NAME]', async () => {
      const listed = await call('secrets.set', { name: 'SB_TEST_SECRET', value: SECRET });
      expect(listed.secrets).toEqual([{ name: 'SB_TEST_SECRET' }]);
      const task = await call('tasks.create', {
        title: 'Echo a secret',
        prompt: '[scenario:bash command=echo%20$SB_TEST_SECRET]',
        cwd: tempDir('keychain-work'),
        secretEnv: ['SB_TEST_SECRET'],
        allowedTools: ['Bash'],
      });
      const run = await call('tasks.run', { taskId: task.id });
      const done = await waitFor(
        `run ${run.id} to finish`,
        async () => {
          for (const approval of await call('approvals.list', { status: 'pending' })) {
            await call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
          }
          const current = await call('runs.get', { runId: run.id });
          return ['succeeded', 'failed'].includes(current.status) ? current : undefined;
        },
        60_000,
      );
      expect(done.error).toBeNull();
      const events = await call('runs.events', { runId: run.id });
      const toolResult = events.find((e) => e.type === 'tool_result');
      expect(toolResult).toMatchObject({
        content: expect.stringContaining('[redacted:SB_TEST_SECRET]') as string,
      });
      expect(JSON.stringify(events)).not.toContain(SECRET);
      expect(JSON.stringify(done)).not.toContain(SECRET);

      await call('secrets.delete', { name: 'SB_TEST_SECRET' });
      await engine.stop();
      const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) =>
        entry.isFile(),
      );
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const path = join(file.parentPath, file.name);
        expect(readFileSync(path).includes(SECRET), `${path} holds the secret`).toBe(false);
      }
    });
  });
});

describe('no keychain: says so plainly and stores nothing', () => {
  const failing = (message: string): KeytarApi => ({
    getPassword: () => Promise.reject(new Error(message)),
    setPassword: () => Promise.reject(new Error(message)),
    deletePassword: () => Promise.reject(new Error(message)),
    findCredentials: () => Promise.reject(new Error(message)),
  });

  it('reports a missing native module as unavailable, not a crash', async () => {
    const store = new KeychainSecretStore({
      loadKeytar: () => Promise.reject(new Error('Failed to load keytar native addon')),
    });
    expect(await store.availability()).toEqual({
      available: false,
      reason:
        'The keychain module could not be loaded (Failed to load keytar native addon), so secrets cannot be stored.',
    });
    const service = new SecretService(store);
    expect(await service.state()).toMatchObject({ available: false, secrets: [] });
    await expect(service.set('X_TOKEN', 'value')).rejects.toMatchObject({ code: 'unavailable' });
    expect(await service.envFor(['X_TOKEN'])).toEqual({});
  });

  it('reports an unreachable Secret Service with its reason', async () => {
    const store = new KeychainSecretStore({
      loadKeytar: () => Promise.resolve(failing('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    });
    expect(await store.availability()).toEqual({
      available: false,
      reason:
        'No keychain is reachable (Cannot autolaunch D-Bus without X11 $DISPLAY), so secrets cannot be stored on this machine.',
    });
  });

  it('gives up on a keychain that never answers', async () => {
    const hanging: KeytarApi = {
      ...failing('x'),
      getPassword: () => new Promise(() => undefined),
      findCredentials: () => new Promise(() => undefined),
    };
    const store = new KeychainSecretStore({
      loadKeytar: () => Promise.resolve(hanging),
      timeoutMs: 100,
    });
    expect((await store.availability()).reason).toContain('no answer within 100 ms');
  });

  it('turns a refused write (a locked keyring) into an unavailable error naming the secret, not the value', async () => {
    const locked: KeytarApi = {
      ...failing('Cannot create an item in a locked collection'),
      findCredentials: () => Promise.resolve([]),
    };
    const store = new KeychainSecretStore({ loadKeytar: () => Promise.resolve(locked) });
    const error: unknown = await store.set('GH_TOKEN', 'ghp_do_not_echo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('unavailable');
    expect((error as ApiError).message).toBe(
      'The keychain did not store GH_TOKEN: Cannot create an item in a locked collection',
    );
  });
});
