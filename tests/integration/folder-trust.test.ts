// Folder trust through the built server and the real Claude Code binary: a folder's own
// .claude/settings.json SessionStart hook (it writes a marker file) does not run before the
// person trusts the folder, never runs in a run "without its settings", asks again when the
// settings change, and its request outlives a restart of the engine. The data folder stays
// private to its owner meanwhile.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../src/shared/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { claudeEnv, tempDir } from '../support/claude-env';
import { startServe, untilRunStatus, waitFor, type ServeProcess } from '../support/serve-process';

const TIMEOUT_MS = 900_000;

/** A run's end, on a machine shared with other suites (Claude Code can take a minute to start). */
const RUN_WAIT_MS = 150_000;

describe('folder trust', () => {
  let fake: FakeAnthropic;
  let serve: ServeProcess;
  const dataDir = tempDir('trust-data');
  // The same Claude Code config folder across the restart.
  const env = { CLAUDE_CONFIG_DIR: claudeEnv('http://unused').CLAUDE_CONFIG_DIR };

  beforeAll(async () => {
    fake = await startFakeAnthropic();
    serve = await startServe({ fakeUrl: fake.url, dataDir, env });
  });
  afterAll(async () => {
    await serve.stop();
    await fake.close();
  });

  const folder = tempDir('trust-work');
  const marker = join(tempDir('trust-marker'), 'session-start-ran');
  function writeHook(word: string): string {
    const command = `echo ${word} >> ${marker}`;
    mkdirSync(join(folder, '.claude'), { recursive: true });
    writeFileSync(
      join(folder, '.claude', 'settings.json'),
      JSON.stringify({ hooks: { SessionStart: [{ hooks: [{ type: 'command', command }] }] } }),
    );
    return command;
  }
  const markerLines = () =>
    existsSync(marker) ? readFileSync(marker, 'utf8').trim().split('\n') : [];

  async function trustRequestOf(runId: string): Promise<Approval> {
    return waitFor(
      `run ${runId} to ask about the folder`,
      async () => {
        const pending = await serve.call('approvals.list', { status: 'pending' });
        return pending.find((a) => a.runId === runId && a.kind === 'folder_trust');
      },
      RUN_WAIT_MS,
    );
  }

  it(
    'runs the hook only after the person trusts the folder, asking again when it changes',
    async () => {
      const command = writeHook('first');
      const task = await serve.call('tasks.create', {
        title: 'Cloned repository',
        prompt: '[scenario:text say=trust-done]',
        cwd: folder,
      });

      // 1. The first run waits before Claude Code starts; the request shows the command in full.
      const first = await serve.call('tasks.run', { taskId: task.id });
      const asked = await trustRequestOf(first.id);
      expect(asked.input).toMatchObject({
        folder,
        items: [
          {
            file: '.claude/settings.json',
            kind: 'hook',
            label: 'SessionStart hook',
            detail: command,
          },
        ],
      });
      expect((await serve.call('runs.get', { runId: first.id })).status).toBe('waiting');
      expect(markerLines()).toEqual([]);

      // 2. "Run without its settings": the run goes on, and the hook never runs.
      await serve.call('approvals.decide', { approvalId: asked.id, decision: 'deny' });
      const withoutDone = await untilRunStatus(serve, first.id, undefined, RUN_WAIT_MS);
      expect(withoutDone.status).toBe('succeeded');
      expect(withoutDone.result).toContain('trust-done');
      expect(markerLines()).toEqual([]);
      // Remembered for the folder: the next run goes without them, and without asking.
      const second = await serve.call('tasks.run', { taskId: task.id });
      expect((await untilRunStatus(serve, second.id, undefined, RUN_WAIT_MS)).status).toBe(
        'succeeded',
      );
      expect(
        (await serve.call('approvals.list', { status: 'pending' })).filter(
          (a) => a.runId === second.id,
        ),
      ).toEqual([]);
      expect(markerLines()).toEqual([]);

      // 3. The settings change: the next run asks again, and its request survives a restart.
      writeHook('second');
      const third = await serve.call('tasks.run', { taskId: task.id });
      const askedAgain = await trustRequestOf(third.id);
      expect(markerLines()).toEqual([]);
      await serve.stop();
      serve = await startServe({ fakeUrl: fake.url, dataDir, env });
      const afterRestart = await serve.call('approvals.list', { status: 'pending' });
      expect(afterRestart.map((a) => a.id)).toContain(askedAgain.id);
      expect((await serve.call('runs.get', { runId: third.id })).status).toBe('waiting');

      // 4. Trusted: the settings load, and the hook runs as the session starts.
      await serve.call('approvals.decide', { approvalId: askedAgain.id, decision: 'allow' });
      const trustedDone = await untilRunStatus(serve, third.id, undefined, RUN_WAIT_MS);
      expect(trustedDone.status).toBe('succeeded');
      expect(markerLines()).toEqual(['second']);
    },
    TIMEOUT_MS,
  );

  it('keeps the data folder and its files private to their owner', async () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const names = readdirSync(dataDir);
    for (const name of ['switchboard.sqlite', 'switchboard.sqlite-wal', 'switchboard.sqlite-shm'])
      expect(names).toContain(name);
    expect(names.some((name) => name.endsWith('.json'))).toBe(true);
    const entries = readdirSync(dataDir, { recursive: true, withFileTypes: true });
    const open = entries
      .filter((entry) => entry.isFile() || entry.isDirectory())
      .map((entry) => join(entry.parentPath, entry.name))
      .filter((path) => (statSync(path).mode & 0o077) !== 0);
    expect(open).toEqual([]);
    // The files Switchboard writes are 0600 (an executable it keeps, a git hook sample, 0700).
    for (const name of names.filter(
      (n) => n.startsWith('switchboard.sqlite') || n === 'webhook-key' || /\.(json|lock)$/.test(n),
    ))
      expect(statSync(join(dataDir, name)).mode & 0o777, name).toBe(0o600);
  });
});
