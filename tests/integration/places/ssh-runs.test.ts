// Runs on an SSH host, end to end: a real sshd (tests/support/test-sshd.ts) for a local far-side
// user, the real Claude Code binary started there through the far-side wrapper, the fake API
// reached through ssh's reverse tunnel. Host keys, "Test this place", approvals, questions,
// follow-ups, cancel, and no process left on the far side after a cancel or a kill -9.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../../src/shared/domain';
import { tempDir } from '../../support/claude-env';
import { sharedEngineStack } from '../../support/engine-stack';
import { startServe, waitFor } from '../../support/serve-process';
import { SSHD_WAIT_MS, startTestSshd, type TestSshd } from '../../support/test-sshd';

const stack = sharedEngineStack();
let sshd: TestSshd;

// Another file may hold the shared far user for a while (two files run at once).
beforeAll(async () => {
  sshd = await startTestSshd();
}, SSHD_WAIT_MS);
afterAll(async () => {
  await sshd.stop();
});

type Call = typeof stack.harness.call;

/** A saved, tested and accepted place whose folder is fresh (through the engine or a serve). */
async function readyPlace(call: Call = (method, input) => stack.harness.call(method, input)) {
  const folder = sshd.newFolder();
  const place = await call('places.create', { name: 'Far box', ssh: sshd.config(folder) });
  const first = await call('places.test', { placeId: place.id });
  expect(first.hostKey.status).toBe('unknown');
  const fingerprint = first.hostKey.fingerprint ?? '';
  await call('places.trustHostKey', { placeId: place.id, fingerprint });
  return { place, folder };
}

async function placedTask(prompt: string, placeId: string, extra: Record<string, unknown> = {}) {
  return stack.harness.call('tasks.create', {
    title: `Far ${prompt.slice(0, 30)}`,
    prompt,
    cwd: tempDir('local'),
    placeId,
    ...extra,
  });
}

function pendingApproval(runId: string): Promise<Approval> {
  return waitFor(`a pending approval for ${runId}`, async () => {
    const approvals = await stack.harness.call('approvals.list', { status: 'pending' });
    return approvals.find((a) => a.runId === runId);
  });
}

/** Claude Code, its tools and the wrapper: anything of the far user's but sshd's own. */
function farWork(): string[] {
  return sshd
    .farProcesses()
    .map((p) => p.command)
    .filter((command) => !command.startsWith('sshd'));
}

describe('an SSH place', () => {
  it('shows a new host key to accept, then finds Claude Code and the folder', async () => {
    const folder = sshd.newFolder();
    const place = await stack.harness.call('places.create', {
      name: 'Build box',
      ssh: sshd.config(folder),
    });
    const first = await stack.harness.call('places.test', { placeId: place.id });
    expect(first.ok).toBe(false);
    expect(first.hostKey.status).toBe('unknown');
    expect(first.hostKey.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(first.problems[0]).toContain(first.hostKey.fingerprint);

    // Not runnable before the key is accepted: the check says where to go.
    const task = await placedTask('[scenario:text]', place.id);
    const refused = await stack.harness.call('tasks.check', { taskId: task.id });
    expect(refused.ok).toBe(false);
    expect(refused.problems[0]?.message).toMatch(/host key of Build box is not accepted/);

    await expect(
      stack.harness.call('places.trustHostKey', { placeId: place.id, fingerprint: 'SHA256:nope' }),
    ).rejects.toThrow(/not the key you were shown/);
    const trusted = await stack.harness.call('places.trustHostKey', {
      placeId: place.id,
      fingerprint: first.hostKey.fingerprint ?? '',
    });
    expect(trusted.hostKeyFingerprint).toBe(first.hostKey.fingerprint);

    const second = await stack.harness.call('places.test', { placeId: place.id });
    expect(second.problems).toEqual([]);
    expect(second.ok).toBe(true);
    expect(second.hostKey.status).toBe('trusted');
    expect(second.claudeVersion).toMatch(/\d+\.\d+\.\d+/);
  });

  it('says in plain words what is missing on the far side', async () => {
    const place = await stack.harness.call('places.create', {
      name: 'Half ready',
      ssh: { ...sshd.config('/nowhere/at/all'), claudePath: '/opt/no-claude/claude' },
    });
    const first = await stack.harness.call('places.test', { placeId: place.id });
    await stack.harness.call('places.trustHostKey', {
      placeId: place.id,
      fingerprint: first.hostKey.fingerprint ?? '',
    });
    const check = await stack.harness.call('places.test', { placeId: place.id });
    expect(check.ok).toBe(false);
    expect(check.problems).toEqual([
      expect.stringMatching(/Claude Code was not found at \/opt\/no-claude\/claude/),
      expect.stringMatching(/The folder \/nowhere\/at\/all does not exist/),
    ]);

    const stranger = await stack.harness.call('places.update', {
      placeId: place.id,
      ssh: { ...sshd.config('/tmp'), user: 'nobody-here' },
    });
    expect(stranger.hostKeyFingerprint).toBe(first.hostKey.fingerprint);
    const login = await stack.harness.call('places.test', { placeId: place.id });
    expect(login.problems[0]).toMatch(/refused the login as nobody-here/);
  });

  it('runs a Bash command there after the approval, with secrets kept out of every command line', async () => {
    const { place, folder } = await readyPlace();
    const task = await placedTask('[scenario:bash command=echo%20far%20>%20marker.txt]', place.id);
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const approval = await pendingApproval(run.id);
    expect(approval.input.command).toBe('echo far > marker.txt');
    // While Claude Code runs on the far side, no command line on either side holds the key.
    const key = 'sk-ant-test-not-a-real-key';
    const lines = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .flatMap((pid) => {
        try {
          return [readFileSync(`/proc/${pid}/cmdline`, 'utf8')];
        } catch {
          return [];
        }
      });
    expect(farWork().some((command) => command.includes('claude'))).toBe(true);
    expect(lines.filter((line) => line.includes(key))).toEqual([]);

    await stack.harness.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.costUsd).toBeGreaterThan(0);
    expect(done.place).toMatchObject({ id: place.id, name: 'Far box', kind: 'ssh' });
    expect(done.workdir).toBe(folder);
    const marker = join(folder, 'marker.txt');
    expect(readFileSync(marker, 'utf8').trim()).toBe('far');
    // Written by the far side's user, not by the engine's.
    expect(statSync(marker).uid).toBe(sshd.uid);
    // Its changes are there, not here: the review says so instead of "no changes".
    const diff = await stack.harness.call('runs.diff', { runId: run.id });
    expect(diff.note).toMatch(/^This run happened on Far box: its changes are in switchboard-far@/);
    await expect(
      stack.harness.call('runs.review', { runId: run.id, decision: 'discard' }),
    ).rejects.toThrow(/not possible from Switchboard yet/);
    expect(existsSync(marker)).toBe(true);
    await waitFor('the far side to be empty', () => farWork().length === 0, 10_000);
  });

  it('asks a question there, and a follow-up continues the same session', async () => {
    const { place } = await readyPlace();
    const task = await placedTask('[scenario:question]', place.id);
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const approval = await pendingApproval(run.id);
    expect(approval.kind).toBe('question');
    const question = approval.questions?.[0]?.question ?? '';
    await stack.harness.call('approvals.decide', {
      approvalId: approval.id,
      decision: 'allow',
      answers: { [question]: 'Green' },
    });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.result).toContain('Green');

    const next = await stack.harness.call('runs.followUp', {
      runId: run.id,
      prompt: '[scenario:followup] and now?',
    });
    const followed = await stack.harness.waitForRun(next.id, ['succeeded', 'failed']);
    expect(followed.status).toBe('succeeded');
    expect(followed.sessionId).toBe(done.sessionId);
    expect(followed.place?.id).toBe(place.id);
    // The session's scenario answers the newest message: it heard the follow-up.
    expect(followed.result).toContain('and now?');
  });

  it('cancel ends Claude Code and its command on the far side', async () => {
    const { place } = await readyPlace();
    const task = await placedTask(
      '[scenario:bash command=echo%20started%20%26%26%20sleep%2047]',
      place.id,
      {
        allowedTools: ['Bash'],
      },
    );
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    await waitFor(
      'sleep 47 on the far side',
      () => farWork().some((command) => /^sleep 47\b/.test(command)),
      45_000,
    );
    await stack.harness.call('runs.cancel', { runId: run.id });
    const done = await stack.harness.waitForRun(run.id, ['cancelled', 'failed', 'succeeded']);
    expect(done.status).toBe('cancelled');
    await waitFor('nothing of the run left on the far side', () => farWork().length === 0, 10_000);
  });

  it('refuses to connect once the host offers another key', async () => {
    const { place } = await readyPlace();
    await sshd.rotateHostKey();
    const check = await stack.harness.call('places.test', { placeId: place.id });
    expect(check.ok).toBe(false);
    expect(check.hostKey.status).toBe('changed');
    expect(check.problems[0]).toMatch(/offers a different key than the one you accepted/);
    const task = await placedTask('[scenario:text]', place.id);
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.error).toMatch(/Host key verification failed|IDENTIFICATION HAS CHANGED/);
    // Accepting the new key, knowingly, makes the place usable again.
    await stack.harness.call('places.trustHostKey', {
      placeId: place.id,
      fingerprint: check.hostKey.fingerprint ?? '',
    });
    expect((await stack.harness.call('places.test', { placeId: place.id })).ok).toBe(true);
  });
});

describe('an SSH place after a kill -9 of the engine', () => {
  it('leaves no Claude Code or tool process on the far side', async () => {
    const serve = await startServe({ fakeUrl: stack.fake.url });
    try {
      const { place } = await readyPlace((method, input) => serve.call(method, input));
      const task = await serve.call('tasks.create', {
        title: 'sleeps far away',
        prompt: '[scenario:bash command=echo%20started%20%26%26%20sleep%2048]',
        cwd: tempDir('local'),
        placeId: place.id,
        allowedTools: ['Bash'],
      });
      await serve.call('tasks.run', { taskId: task.id });
      await waitFor(
        'sleep 48 on the far side',
        () => farWork().some((command) => /^sleep 48\b/.test(command)),
        45_000,
      );
      await serve.stop('SIGKILL');
      await waitFor('nothing left on the far side', () => farWork().length === 0, 10_000);
    } finally {
      await serve.stop('SIGKILL');
    }
    expect(existsSync(serve.dataDir)).toBe(true);
  });
});
