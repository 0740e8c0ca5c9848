// Deciding from the phone over ntfy, and the outbound webhook, with the REAL Claude Code binary
// against the fake Anthropic API, a fake ntfy server and a local webhook receiver: long random
// topics made in the panel; a Bash request allowed by pressing the notification's action (which
// publishes to the reply topic the engine follows) runs its command; a second use or a forged
// token changes nothing; the notification is updated once decided; a run's end announced on
// both; messages queued while ntfy is down (and the webhook failing) arrive once it is back,
// each webhook POST signed with HMAC-SHA256 of its raw body.
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../src/shared/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { startFakeNtfy, type FakeNtfy, type NtfyMessage } from '../fixtures/fake-ntfy/server';
import { tempDir } from '../support/claude-env';
import { startEngine, type EngineHarness } from '../support/engine-harness';
import { waitFor } from '../support/serve-process';

const SESSION_WAIT_MS = 90_000;
const FAST = {
  retryBaseMs: 150,
  retryMaxMs: 600,
  pollSeconds: 1,
  pollRetryMs: 150,
  streamIdleMs: 5_000,
};
const ACCESS_TOKEN = 'tk_fakeaccesstokenfortests0001';

interface Received {
  body: string;
  signature: string | undefined;
  answered: number;
}

let anthropic: FakeAnthropic;
let ntfy: FakeNtfy;
let harness: EngineHarness;
let receiver: Server;
const received: Received[] = [];
/** The webhook receiver answers 503 while this is above zero, counting down. */
let failNext = 0;
let secret = '';

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  ntfy = await startFakeNtfy({ token: ACCESS_TOKEN });
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answered = failNext > 0 ? 503 : 200;
      if (failNext > 0) failNext -= 1;
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: request.headers['x-switchboard-signature'] as string | undefined,
        answered,
      });
      response.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  harness = await startEngine(anthropic.url, {
    env: { SWITCHBOARD_NTFY_URL: ntfy.url, SWITCHBOARD_NTFY_TOKEN: ACCESS_TOKEN },
    engine: { away: FAST },
  });
  const port = (receiver.address() as AddressInfo).port;
  await harness.call('settings.update', {
    away: {
      ntfyEvents: { finished: true },
      webhookUrl: `http://127.0.0.1:${port}/hook`,
      webhookEvents: { needsYou: true, finished: true },
    },
  });
  secret = (await harness.call('away.newWebhookSecret', {})).secret;
});

afterAll(async () => {
  await harness.stop();
  await ntfy.close();
  await anthropic.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

function published(matches: (message: NtfyMessage) => boolean, what: string): Promise<NtfyMessage> {
  return waitFor(what, async () => ntfy.messages.find(matches), SESSION_WAIT_MS);
}

async function pendingApproval(runId: string): Promise<Approval> {
  return waitFor(
    `a pending approval for ${runId}`,
    async () =>
      (await harness.call('approvals.list', { status: 'pending' })).find((a) => a.runId === runId),
    SESSION_WAIT_MS,
  );
}

async function runTask(title: string, prompt: string, cwd = tempDir('away-ntfy')) {
  const task = await harness.call('tasks.create', {
    title,
    prompt,
    cwd,
    permissionMode: 'default',
  });
  const run = await harness.call('tasks.run', { taskId: task.id });
  return { run, cwd };
}

function hooks(): { text: string; event: string; runId: string | null }[] {
  return received
    .filter((hook) => hook.answered === 200)
    .map((hook) => JSON.parse(hook.body) as { text: string; event: string; runId: string | null });
}

describe('ntfy and the webhook', { timeout: 240_000 }, () => {
  let topic = '';
  let replyTopic = '';

  it('makes a pair of long random topics', async () => {
    const before = await harness.call('away.get', {});
    expect(before.ntfy.topics).toBeNull();
    expect(before.ntfy.tokenSource).toBe('environment');
    const state = await harness.call('away.newNtfyTopics', {});
    topic = state.ntfy.topics?.topic ?? '';
    replyTopic = state.ntfy.topics?.replyTopic ?? '';
    expect(topic).toMatch(/^[-\w]{30,64}$/);
    expect(replyTopic).toMatch(/^[-\w]{30,64}$/);
    expect(topic).not.toBe(replyTopic);
    expect(state.webhook.secretSource).toBe('keychain');
  });

  it('runs a Bash command allowed from the notification; a second use or a forged token changes nothing', async () => {
    const { run, cwd } = await runTask(
      'Ntfy bash',
      `[scenario:bash command=${encodeURIComponent('printf from-ntfy > ntfy.txt')}]`,
    );
    const approval = await pendingApproval(run.id);
    const message = await published(
      (m) => m.topic === topic && m.title === 'Ntfy bash' && m.actions.length > 0,
      'the request on the phone',
    );
    expect(message.message).toContain('printf from-ntfy > ntfy.txt');
    expect(message.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(message.actions.map((action) => action.label)).toEqual([
      'Allow',
      'Deny',
      expect.stringMatching(/^Always allow: /),
    ]);
    for (const action of message.actions) {
      expect(action.url).toBe(`${ntfy.url}/${replyTopic}`);
    }
    // The access token is never in what reaches the phone.
    expect(JSON.stringify(message.actions)).not.toContain(ACCESS_TOKEN);

    // A made-up token on the reply topic: refused and logged, still pending.
    await ntfy.publish(replyTopic, 'sb:AAAAAAAAAAAAAAAAAAAAAA:a');
    await waitFor('the forged one refused', async () =>
      (await harness.call('away.get', {})).refusals.find(
        (r) => r.channel === 'ntfy' && /unknown/.test(r.detail),
      ),
    );
    expect((await harness.call('approvals.list', { runId: run.id }))[0]?.status).toBe('pending');
    expect(existsSync(join(cwd, 'ntfy.txt'))).toBe(false);

    await ntfy.press(message, 'Allow');
    const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], SESSION_WAIT_MS);
    expect(done.status).toBe('succeeded');
    expect(readFileSync(join(cwd, 'ntfy.txt'), 'utf8')).toBe('from-ntfy');
    expect((await harness.call('approvals.list', { runId: run.id }))[0]).toMatchObject({
      id: approval.id,
      status: 'allowed',
      always: false,
    });

    // The notification is updated (same id) to say who decided, with no buttons.
    const update = await published((m) => m.sequenceId === message.id, 'the notification updated');
    expect(update.message).toMatch(/Allowed from phone at \d\d:\d\d/);
    expect(update.actions).toEqual([]);

    // The other button of the same notification, pressed afterwards: nothing changes.
    await ntfy.press(message, 'Deny');
    await waitFor('the second use refused', async () =>
      (await harness.call('away.get', {})).refusals.find(
        (r) => r.channel === 'ntfy' && /already allowed/.test(r.detail),
      ),
    );
    expect((await harness.call('approvals.list', { runId: run.id }))[0]?.status).toBe('allowed');
    const deliveries = await harness.call('away.deliveries', { approvalIds: [approval.id] });
    expect(deliveries.find((d) => d.channel === 'ntfy')).toMatchObject({
      queued: false,
      notSent: null,
    });
    expect(deliveries.find((d) => d.channel === 'ntfy')?.decidedAt).toBeGreaterThan(0);

    // The run's end, on ntfy and on the webhook; the request itself on the webhook too.
    await published(
      (m) => m.topic === topic && m.message.startsWith('✅ Ntfy bash: finished.'),
      'the end on ntfy',
    );
    await waitFor('the end on the webhook', async () =>
      hooks().find((hook) => hook.event === 'finished' && hook.runId === run.id),
    );
    const asked = hooks().find((hook) => hook.event === 'needsYou' && hook.runId === run.id);
    expect(asked?.text).toMatch(/^Needs you: Ntfy bash/);
    // Every POST signed: HMAC-SHA256 of the raw body under the secret.
    for (const hook of received) {
      const expected = `sha256=${createHmac('sha256', secret).update(hook.body).digest('hex')}`;
      expect(hook.signature).toBe(expected);
    }
  });

  it('keeps messages while ntfy is down and the webhook fails, and delivers them after', async () => {
    ntfy.setDown(true);
    failNext = 2;
    try {
      const { run } = await runTask('While away', '[scenario:text say=done]');
      await harness.waitForRun(run.id, ['succeeded'], SESSION_WAIT_MS);
      const failing = await waitFor('the channel to show its error', async () => {
        const state = await harness.call('away.get', {});
        return state.ntfy.queued > 0 && state.ntfy.lastError ? state : undefined;
      });
      expect(failing.ntfy.lastError).toMatch(/Could not reach/);
      expect(failing.ntfy.lastError).not.toContain(ACCESS_TOKEN);
      expect(ntfy.messages.some((m) => m.message.startsWith('✅ While away'))).toBe(false);
      // The webhook refused twice, then took it: the same message id each time.
      const hook = await waitFor('the webhook to take the end', async () =>
        hooks().find((h) => h.event === 'finished' && h.runId === run.id),
      );
      const tries = received.filter((h) => h.body.includes(run.id) && h.body.includes('finished'));
      expect(tries.map((h) => h.answered)).toEqual([503, 503, 200]);
      expect(new Set(tries.map((h) => h.body)).size).toBe(1);
      expect(hook.text).toMatch(/^✅ While away: finished\./);
    } finally {
      ntfy.setDown(false);
    }
    await published((m) => m.message.startsWith('✅ While away: finished.'), 'the late one');
    await waitFor('the queue empty and the error gone', async () => {
      const state = await harness.call('away.get', {});
      return state.ntfy.queued === 0 && state.ntfy.lastError === null ? state : undefined;
    });
  });

  it('new topics revoke the old ones at once: their buttons decide nothing', async () => {
    const { run } = await runTask('Before new topics', '[scenario:bash command=echo%20old]');
    const message = await published(
      (m) => m.topic === topic && m.title === 'Before new topics' && m.actions.length > 0,
      'the request on the phone',
    );
    const state = await harness.call('away.newNtfyTopics', {});
    expect(state.ntfy.topics?.replyTopic).not.toBe(replyTopic);
    // Pressed anyway: it goes to the old reply topic, which nobody follows any more; and the
    // same body sent to the new reply topic is refused (its token is bound to the old one).
    await ntfy.press(message, 'Allow');
    await ntfy.publish(state.ntfy.topics?.replyTopic ?? '', message.actions[0]?.body ?? '');
    await waitFor('the replayed one refused', async () =>
      (await harness.call('away.get', {})).refusals.find(
        (r) => r.channel === 'ntfy' && /not the paired/.test(r.detail),
      ),
    );
    expect((await harness.call('approvals.list', { runId: run.id }))[0]?.status).toBe('pending');
    await harness.call('runs.cancel', { runId: run.id });
  });
});
