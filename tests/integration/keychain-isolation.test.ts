// Secrets stay where they are given, against the REAL OS keychain (Secret Service via
// gnome-keyring, as .ci/run provides) and the real Claude Code binary: a session's Bash cannot
// reach a keychain entry its task was not given, and a stored secret's value printed by a run
// (here by a task that opted into keychain access) is recorded as [redacted:NAME] all the same.
// Skipped without a keychain unless SWITCHBOARD_REQUIRE_KEYCHAIN=1, which makes it fail instead.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import { dispatch } from '../../src/shared/dispatch';
import { createEngine, type Engine } from '../../src/main/engine/engine';
import { KeychainSecretStore } from '../../src/main/engine/secrets/keychain-secret-store';
import { MemorySettingsBackend } from '../fakes/memory-settings-backend';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { claudeEnv, tempDir } from '../support/claude-env';
import { waitFor } from '../support/serve-process';

const SERVICE = `Switchboard-isolation-${process.pid}-${Date.now()}`;
const REQUIRED = process.env.SWITCHBOARD_REQUIRE_KEYCHAIN === '1';
const probe = await new KeychainSecretStore({ service: SERVICE }).availability();
if (!probe.available && !REQUIRED) {
  console.warn(
    `keychain-isolation.test.ts: SKIPPED — ${probe.reason ?? 'no keychain'} (run it under ` +
      'dbus-run-session with gnome-keyring unlocked; CI sets SWITCHBOARD_REQUIRE_KEYCHAIN=1).',
  );
}
const RUN_TIMEOUT_MS = 180_000;

describe('keychain isolation (required in CI)', () => {
  it.runIf(REQUIRED)('reaches a real keychain because SWITCHBOARD_REQUIRE_KEYCHAIN=1', () => {
    expect(probe.reason).toBeNull();
  });
});

describe.runIf(probe.available || REQUIRED)('secrets a run was not given', () => {
  const SECRET = `ungranted-${Date.now()}-value`;
  let fake: FakeAnthropic;
  let engine: Engine;
  let dataDir: string;
  let probeCommand: string;
  const call = async <M extends MethodName>(
    method: M,
    input: MethodInput<M>,
  ): Promise<MethodResult<M>> => {
    const result = await dispatch(engine.handlers, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as MethodResult<M>;
  };

  /** Runs the probe from Bash in a task and returns the run and the probe's output. */
  async function runProbe(keychainAccess: boolean) {
    const task = await call('tasks.create', {
      title: `Keychain probe (access ${keychainAccess})`,
      prompt: `[scenario:bash command=${encodeURIComponent(probeCommand)}]`,
      cwd: tempDir('keychain-probe-work'),
      allowedTools: ['Bash'],
      keychainAccess,
    });
    const run = await call('tasks.run', { taskId: task.id });
    const done = await waitFor(
      `run ${run.id} to finish`,
      async () => {
        const current = await call('runs.get', { runId: run.id });
        return ['succeeded', 'failed'].includes(current.status) ? current : undefined;
      },
      RUN_TIMEOUT_MS - 30_000,
    );
    const events = await call('runs.events', { runId: run.id });
    const output = events.find((e) => e.type === 'tool_result');
    return {
      done,
      events,
      output: output?.type === 'tool_result' ? output.content : '(no tool result)',
    };
  }

  beforeAll(async () => {
    // Reads the entry the way any program of the person's could: keytar over the Secret Service.
    const keytarPath = createRequire(import.meta.url).resolve('@github/keytar');
    const script = join(tempDir('keychain-probe'), 'probe.cjs');
    writeFileSync(
      script,
      `require(${JSON.stringify(keytarPath)}).getPassword(${JSON.stringify(SERVICE)}, 'SB_UNGRANTED')` +
        `.then((v) => console.log('probe read: ' + v), (e) => console.log('probe unreachable: ' + e.message));\n`,
    );
    probeCommand = `${process.execPath} ${script}`;
    fake = await startFakeAnthropic();
    dataDir = tempDir('keychain-isolation');
    engine = await createEngine({
      dataDir,
      holder: 'test',
      env: { ...process.env, ...claudeEnv(fake.url) },
      settings: new MemorySettingsBackend(),
      secrets: new KeychainSecretStore({ service: SERVICE }),
      cancelGraceMs: 1_500,
    });
    await call('secrets.set', { name: 'SB_UNGRANTED', value: SECRET });
  });
  afterAll(async () => {
    await engine.stop();
    await fake.close();
    await new KeychainSecretStore({ service: SERVICE }).delete('SB_UNGRANTED').catch(() => {});
  });

  it(
    'cannot be read through the keychain from Bash',
    async () => {
      expect(process.env.DBUS_SESSION_BUS_ADDRESS, 'the test runs on a session bus').toBeTruthy();
      const { done, output } = await runProbe(false);
      expect(done.error).toBeNull();
      expect(output).toMatch(/probe unreachable: /);
      expect(output).not.toContain('probe read:');
      expect(output).not.toContain('[redacted:SB_UNGRANTED]');
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'is recorded redacted when a run prints it anyway',
    async () => {
      // A task that opted into keychain access reads the entry (so the probe itself works) ...
      const { done, events, output } = await runProbe(true);
      expect(done.error).toBeNull();
      // ... and the value it printed is stored as its name, never as itself.
      expect(output).toContain('probe read: [redacted:SB_UNGRANTED]');
      expect(JSON.stringify(events)).not.toContain(SECRET);
      expect(JSON.stringify(done)).not.toContain(SECRET);
      const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((e) =>
        e.isFile(),
      );
      for (const file of files) {
        const path = join(file.parentPath, file.name);
        expect(readFileSync(path).includes(SECRET), `${path} holds the secret`).toBe(false);
      }
    },
    RUN_TIMEOUT_MS,
  );
});
