// Runs in a container, end to end: a podman image built here (tests/support/test-image.ts) with
// the SDK's real Claude Code binary, started through the same wrapper as on an SSH host, the fake
// API reached through the relayed socket (the container has no network). "Test this place",
// approvals, questions, follow-ups, cancel, a plan-limit park and resume, and no container left
// after a cancel or a kill -9 of the engine.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../../src/shared/domain';
import { PLAN_LOGIN_ENV, tempDir } from '../../support/claude-env';
import { freshEngineStacks, sharedEngineStack } from '../../support/engine-stack';
import { startServe, waitFor } from '../../support/serve-process';
import {
  containerProcesses,
  ensureTestImage,
  switchboardContainers,
  testContainer,
  useTestContainersConf,
} from '../../support/test-image';

// Before the engines start: they pass CONTAINERS_CONF on to podman.
useTestContainersConf();
const stack = sharedEngineStack();
const startStack = freshEngineStacks();
let image = '';

beforeAll(() => {
  image = ensureTestImage();
}, 300_000);

type Call = typeof stack.harness.call;

async function containerPlace(
  call: Call = (method, input) => stack.harness.call(method, input),
  extra: Parameters<typeof testContainer>[1] = {},
) {
  return call('places.create', {
    name: 'Sealed box',
    kind: 'container',
    container: testContainer(image, extra),
  });
}

async function placedTask(prompt: string, placeId: string, extra: Record<string, unknown> = {}) {
  return stack.harness.call('tasks.create', {
    title: `Boxed ${prompt.slice(0, 30)}`,
    prompt,
    cwd: tempDir('boxed'),
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

function commandLines(): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((pid) => {
      try {
        return [readFileSync(`/proc/${pid}/cmdline`, 'utf8')];
      } catch {
        return [];
      }
    });
}

describe('a container place', () => {
  it('finds the image and Claude Code in it, and says what is missing', async () => {
    const place = await containerPlace();
    const check = await stack.harness.call('places.test', { placeId: place.id });
    expect(check.problems).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.claudeVersion).toMatch(/\d+\.\d+\.\d+/);

    const broken = await stack.harness.call('places.create', {
      name: 'Broken box',
      kind: 'container',
      container: testContainer('localhost/switchboard-no-such-image:1', {
        mounts: [{ hostPath: '/nowhere/at/all', containerPath: '/data', readOnly: true }],
      }),
    });
    const missing = await stack.harness.call('places.test', { placeId: broken.id });
    expect(missing.ok).toBe(false);
    expect(missing.problems).toEqual([
      expect.stringMatching(
        /The image localhost\/switchboard-no-such-image:1 is not on this machine/,
      ),
      expect.stringMatching(/The folder \/nowhere\/at\/all to mount does not exist/),
    ]);
    const noClaude = await containerPlace(undefined, { claudePath: '/opt/no-claude' });
    const inImage = await stack.harness.call('places.test', { placeId: noClaude.id });
    expect(inImage.problems).toEqual([
      expect.stringMatching(/Claude Code was not found at \/opt\/no-claude in localhost\//),
    ]);
  });

  it('runs a Bash command in the task folder after the approval, secrets kept out of argv', async () => {
    const place = await containerPlace();
    const task = await placedTask(
      '[scenario:bash command=echo%20boxed%20>%20marker.txt]',
      place.id,
      { reviewEachRun: true },
    );
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const approval = await pendingApproval(run.id);
    expect(approval.input.command).toBe('echo boxed > marker.txt');
    expect(switchboardContainers()).toHaveLength(1);
    const key = 'sk-ant-test-not-a-real-key';
    expect(commandLines().filter((line) => line.includes(key))).toEqual([]);

    await stack.harness.call('approvals.decide', { approvalId: approval.id, decision: 'allow' });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    expect(done.costUsd).toBeGreaterThan(0);
    expect(done.place).toMatchObject({ id: place.id, kind: 'container' });
    expect(done.place?.where).toMatch(/^podman localhost\/switchboard-test:\S+ \(no network\)$/);
    // The task's folder is mounted at the same path: the change is here, where the task is.
    expect(done.workdir).toBe(task.cwd);
    const marker = join(task.cwd, 'marker.txt');
    expect(readFileSync(marker, 'utf8').trim()).toBe('boxed');
    await waitFor('the container to be gone', () => switchboardContainers().length === 0, 10_000);
    // Reviewed as a run here: its change is shown, and a discard takes it back.
    const diff = await stack.harness.call('runs.diff', { runId: run.id });
    expect(diff.note).toBeNull();
    expect(diff.files.map((f) => [f.path, f.status, f.attribution])).toEqual([
      ['marker.txt', 'added', 'run'],
    ]);
    await waitFor(`a review of ${run.id}`, async () =>
      (await stack.harness.call('reviews.list', { status: 'pending' })).find(
        (r) => r.runId === run.id,
      ),
    );
    await stack.harness.call('runs.review', { runId: run.id, decision: 'discard' });
    expect(existsSync(marker)).toBe(false);
  });

  it('asks a question there, and a follow-up continues the same session', async () => {
    const place = await containerPlace();
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

    // Another container: the session's files were kept in the place's folder here.
    const next = await stack.harness.call('runs.followUp', {
      runId: run.id,
      prompt: '[scenario:followup] and now?',
    });
    const followed = await stack.harness.waitForRun(next.id, ['succeeded', 'failed']);
    expect(followed.error).toBeNull();
    expect(followed.status).toBe('succeeded');
    expect(followed.sessionId).toBe(done.sessionId);
    expect(followed.result).toContain('and now?');
  });

  it('cancel ends Claude Code, its command and the container', async () => {
    const place = await containerPlace();
    const task = await placedTask(
      '[scenario:bash command=echo%20started%20%26%26%20sleep%2047]',
      place.id,
      { allowedTools: ['Bash'] },
    );
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    await waitFor(
      'sleep 47 in the container',
      () => containerProcesses().some((command) => /\bsleep 47\b/.test(command)),
      45_000,
    );
    await stack.harness.call('runs.cancel', { runId: run.id });
    const done = await stack.harness.waitForRun(run.id, ['cancelled', 'failed', 'succeeded']);
    expect(done.status).toBe('cancelled');
    await waitFor('no container left', () => switchboardContainers().length === 0, 10_000);
  });

  it('refuses "Allow everything" unless the place is sealed, and runs it when sealed', async () => {
    const open = await containerPlace();
    const task = await placedTask('[scenario:bash command=id%20-u%20>%20uid.txt]', open.id, {
      permissionMode: 'bypassPermissions',
    });
    const refused = await stack.harness.call('tasks.check', { taskId: task.id });
    expect(refused.ok).toBe(false);
    expect(refused.problems[0]?.code).toBe('bypass_as_root');
    expect(refused.problems[0]?.fix).toMatch(/mark the place sealed/);

    const sealed = await containerPlace(undefined, { sealed: true });
    await stack.harness.call('tasks.update', { taskId: task.id, placeId: sealed.id });
    expect((await stack.harness.call('tasks.check', { taskId: task.id })).ok).toBe(true);
    const run = await stack.harness.call('tasks.run', { taskId: task.id });
    const done = await stack.harness.waitForRun(run.id, ['succeeded', 'failed']);
    expect(done.error).toBeNull();
    expect(readFileSync(join(task.cwd, 'uid.txt'), 'utf8').trim()).toBe('0');
  });
});

describe('a container place on a plan login', () => {
  it('parks a refused run, then carries on in a new container after the reset', async () => {
    const { fake, harness } = await startStack({ planWindow: true }, { env: PLAN_LOGIN_ENV });
    const place = await containerPlace((method, input) => harness.call(method, input));
    fake.plan.exhaustFor(30_000);
    const resetAt = fake.plan.fiveHourReset;
    const task = await harness.call('tasks.create', {
      title: 'boxed plan',
      prompt: '[scenario:text say=Finished%20in%20the%20box]',
      cwd: tempDir('boxed'),
      placeId: place.id,
    });
    const { id } = await harness.call('tasks.run', { taskId: task.id });
    const parked = await waitFor(
      `run ${id} to be parked`,
      async () => {
        const now = await harness.call('runs.get', { runId: id });
        return now.status === 'waiting' && now.parkedUntil !== null ? now : undefined;
      },
      45_000,
    );
    expect(parked.heldReason).toMatch(/5-hour limit is used up/);
    await waitFor('no container while parked', () => switchboardContainers().length === 0, 10_000);
    const done = await harness.waitForRun(id, ['succeeded', 'failed'], 90_000);
    expect(done.status).toBe('succeeded');
    expect(done.result).toContain('Finished in the box');
    expect(done.startedAt).toBeGreaterThanOrEqual(resetAt);
  }, 180_000);
});

describe('a container place after a kill -9 of the engine', () => {
  it('leaves no container within ten seconds', async () => {
    const serve = await startServe({ fakeUrl: stack.fake.url });
    try {
      const place = await containerPlace((method, input) => serve.call(method, input));
      const task = await serve.call('tasks.create', {
        title: 'sleeps in a box',
        prompt: '[scenario:bash command=echo%20started%20%26%26%20sleep%2048]',
        cwd: tempDir('boxed'),
        placeId: place.id,
        allowedTools: ['Bash'],
      });
      await serve.call('tasks.run', { taskId: task.id });
      await waitFor(
        'sleep 48 in the container',
        () => containerProcesses().some((command) => /\bsleep 48\b/.test(command)),
        45_000,
      );
      await serve.stop('SIGKILL');
      await waitFor('no container left', () => switchboardContainers().length === 0, 10_000);
    } finally {
      await serve.stop('SIGKILL');
    }
  });
});
