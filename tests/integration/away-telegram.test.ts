// Deciding from the phone over Telegram, with the REAL Claude Code binary against the fake
// Anthropic API and a fake Bot API: pairing by a one-time code; a Bash request allowed from the
// paired chat runs its command; the same button from another chat, or pressed twice, changes
// nothing; a question answered from the phone; a request decided in the panel updates its
// message; a run's end and a parked run announced; messages queued while the Bot API was down
// (and across an engine restart) arrive once it is back.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../src/shared/domain';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import {
  startFakeTelegram,
  type FakeTelegram,
  type SentMessage,
} from '../fixtures/fake-telegram/server';
import { PLAN_LOGIN_ENV, tempDir } from '../support/claude-env';
import { startEngine, type EngineHarness } from '../support/engine-harness';
import { MemorySecretStore } from '../fakes/memory-secret-store';
import { MemorySettingsBackend } from '../fakes/memory-settings-backend';
import { waitFor } from '../support/serve-process';

const PHONE = 4242;
const STRANGER = 7777;
/** How long a Claude Code session may take to reach a point (a cold start on a loaded machine). */
const SESSION_WAIT_MS = 90_000;
const FAST = { retryBaseMs: 150, retryMaxMs: 600, pollSeconds: 1, pollRetryMs: 150 };

let anthropic: FakeAnthropic;
let telegram: FakeTelegram;
let harness: EngineHarness;

function telegramEnv(fake: FakeTelegram, extra: Record<string, string> = {}) {
  return {
    SWITCHBOARD_TELEGRAM_BOT_TOKEN: fake.token,
    SWITCHBOARD_TELEGRAM_API_URL: fake.url,
    ...extra,
  };
}

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  telegram = await startFakeTelegram();
  harness = await startEngine(anthropic.url, {
    env: telegramEnv(telegram),
    engine: { away: FAST },
  });
  await harness.call('settings.update', { away: { telegramEvents: { finished: true } } });
});

afterAll(async () => {
  await harness.stop();
  await telegram.close();
  await anthropic.close();
});

function messageTo(
  fake: FakeTelegram,
  chat: number,
  matches: (message: SentMessage) => boolean,
  what: string,
): Promise<SentMessage> {
  return waitFor(
    what,
    async () =>
      fake.messages.find((message) => message.chatId === String(chat) && matches(message)),
    SESSION_WAIT_MS,
  );
}

async function pendingApproval(h: EngineHarness, runId: string): Promise<Approval> {
  try {
    return await waitFor(
      `a pending approval for ${runId}`,
      async () =>
        (await h.call('approvals.list', { status: 'pending' })).find((a) => a.runId === runId),
      SESSION_WAIT_MS,
    );
  } catch (error) {
    const run = await h.call('runs.get', { runId });
    const events = await h.call('runs.events', { runId });
    const last = events.slice(-3).map((event) => event.type);
    throw new Error(`${String(error)} (run ${run.status}; last events: ${last.join(', ')})`, {
      cause: error,
    });
  }
}

async function runTask(h: EngineHarness, title: string, prompt: string, cwd = tempDir('away')) {
  const task = await h.call('tasks.create', { title, prompt, cwd, permissionMode: 'default' });
  const run = await h.call('tasks.run', { taskId: task.id });
  return { task, run, cwd };
}

// Each test drives one or two real Claude Code sessions.
describe('Telegram', { timeout: 240_000 }, () => {
  it('pairs only the chat that sends the one-time code shown in the panel', async () => {
    expect((await harness.call('away.get', {})).telegram.paired).toBeNull();
    const state = await harness.call('away.startPairing', {});
    const code = state.telegram.pairing?.code ?? '';
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    telegram.sendText(STRANGER, '/start WRONGCODE');
    await waitFor('the wrong code refused', async () =>
      (await harness.call('away.get', {})).refusals.find((r) => r.chat === String(STRANGER)),
    );
    expect((await harness.call('away.get', {})).telegram.paired).toBeNull();

    telegram.sendText(PHONE, `/start ${code}`, 'me');
    const paired = await waitFor('the phone paired', async () => {
      const now = await harness.call('away.get', {});
      return now.telegram.paired ? now : undefined;
    });
    expect(paired.telegram.paired).toMatchObject({ chat: String(PHONE), name: 'me' });
    expect(paired.telegram.pairing).toBeNull();
    await messageTo(
      telegram,
      PHONE,
      (m) => /Paired with Switchboard/.test(m.text),
      'the pairing note',
    );
    // The code is spent: the stranger cannot use it now.
    telegram.sendText(STRANGER, `/start ${code}`);
    await waitFor(
      'the spent code refused',
      async () =>
        (await harness.call('away.get', {})).refusals.filter((r) => r.chat === String(STRANGER))
          .length === 2 || undefined,
    );
    expect((await harness.call('away.get', {})).telegram.paired?.chat).toBe(String(PHONE));
  });

  it('runs a Bash command allowed from the paired chat; another chat or a second press changes nothing', async () => {
    const secret = 'hunter2-very-secret-value';
    await harness.call('secrets.set', { name: 'DEPLOY_TOKEN', value: secret });
    const command = `printf from-phone > phone.txt && echo ${secret} >/dev/null`;
    const { run, cwd } = await runTask(
      harness,
      'Phone bash',
      `[scenario:bash command=${encodeURIComponent(command)}]`,
    );
    const approval = await pendingApproval(harness, run.id);
    const message = await messageTo(
      telegram,
      PHONE,
      (m) => m.text.includes('Phone bash') && m.keyboard !== null,
      'the request on the phone',
    );
    // Shown redacted as in the transcript, with its buttons.
    expect(message.text).toContain('printf from-phone > phone.txt');
    expect(message.text).not.toContain(secret);
    expect(message.text).toContain('[redacted:DEPLOY_TOKEN]');
    const labels = message.keyboard?.flat().map((b) => b.text) ?? [];
    expect(labels).toEqual(expect.arrayContaining(['Allow', 'Deny']));
    expect(labels.some((label) => label.startsWith('Always allow'))).toBe(true);
    // Nothing else in the message: no token or secret in callback data beyond its own request's.
    expect(JSON.stringify(message.keyboard)).not.toContain(secret);

    // The same button from another chat: refused, still pending.
    const strangerPress = telegram.press(STRANGER, message, 'Allow');
    await waitFor('the stranger answered', async () =>
      telegram.answers.find((a) => a.callbackQueryId === strangerPress),
    );
    expect(telegram.answers.find((a) => a.callbackQueryId === strangerPress)?.text).toMatch(
      /Not accepted/,
    );
    expect((await harness.call('approvals.list', { runId: run.id }))[0]?.status).toBe('pending');
    expect(existsSync(join(cwd, 'phone.txt'))).toBe(false);

    const press = telegram.press(PHONE, message, 'Allow');
    const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], SESSION_WAIT_MS);
    expect(done.status).toBe('succeeded');
    expect(readFileSync(join(cwd, 'phone.txt'), 'utf8')).toBe('from-phone');
    expect(telegram.answers.find((a) => a.callbackQueryId === press)?.text).toBe('Allowed.');
    const decided = (await harness.call('approvals.list', { runId: run.id }))[0];
    expect(decided).toMatchObject({ id: approval.id, status: 'allowed', always: false });

    // The message now says who decided where, and has no buttons left.
    await waitFor(
      'the message edited',
      async () => /Allowed from phone at \d\d:\d\d/.test(message.text) || undefined,
    );
    expect(message.keyboard).toBeNull();

    // Pressed again (the old button kept in the chat), or Deny on the same request: nothing.
    const again = telegram.pressData(PHONE, message.messageId, dataOf(message, 'Deny'));
    await waitFor('the second press answered', async () =>
      telegram.answers.find((a) => a.callbackQueryId === again),
    );
    expect(telegram.answers.find((a) => a.callbackQueryId === again)?.text).toMatch(/Not accepted/);
    expect((await harness.call('approvals.list', { runId: run.id }))[0]?.status).toBe('allowed');
    const deliveries = await harness.call('away.deliveries', { approvalIds: [approval.id] });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ channel: 'telegram', queued: false, notSent: null });
    expect(deliveries[0]?.sentAt).toBeGreaterThan(0);
    expect(deliveries[0]?.decidedAt).toBeGreaterThan(0);
    // The run's end is announced (Settings: "Run finished" on).
    await messageTo(
      telegram,
      PHONE,
      (m) => m.text.startsWith('✅ Phone bash: finished.'),
      'the end',
    );
  });

  it('answers a question from the phone', async () => {
    const { run } = await runTask(harness, 'Phone question', '[scenario:question]');
    const message = await messageTo(
      telegram,
      PHONE,
      (m) => m.text.includes('Phone question') && m.keyboard !== null,
      'the question on the phone',
    );
    expect(message.keyboard?.flat().map((b) => b.text)).toEqual(['Blue', 'Green']);
    telegram.press(PHONE, message, 'Green');
    const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], SESSION_WAIT_MS);
    expect(done.result).toContain('Green');
    await waitFor(
      'the question edited',
      async () => /Answered from phone at .*\n→ Green/s.test(message.text) || undefined,
    );
  });

  it('updates the message of a request decided in the panel', async () => {
    const { run } = await runTask(harness, 'Desk decides', '[scenario:bash command=echo%20hi]');
    const approval = await pendingApproval(harness, run.id);
    const message = await messageTo(
      telegram,
      PHONE,
      (m) => m.text.includes('Desk decides') && m.keyboard !== null,
      'the request on the phone',
    );
    await harness.call('approvals.decide', { approvalId: approval.id, decision: 'deny' });
    await waitFor(
      'the message edited',
      async () => /Denied in Switchboard at \d\d:\d\d/.test(message.text) || undefined,
    );
    expect(message.keyboard).toBeNull();
    // Its old Allow button does nothing now.
    const late = telegram.pressData(PHONE, message.messageId, dataOf(message, 'Allow'));
    await waitFor('the late press answered', async () =>
      telegram.answers.find((a) => a.callbackQueryId === late),
    );
    expect(telegram.answers.find((a) => a.callbackQueryId === late)?.text).toMatch(
      /already denied/,
    );
    await harness.waitForRun(run.id, ['succeeded', 'failed'], SESSION_WAIT_MS);
  });

  it('keeps messages while the Bot API is down and delivers them once it is back', async () => {
    telegram.setDown(true);
    try {
      const { run } = await runTask(harness, 'While down', '[scenario:text say=done]');
      await harness.waitForRun(run.id, ['succeeded'], SESSION_WAIT_MS);
      const failing = await waitFor('the channel to show its error', async () => {
        const state = await harness.call('away.get', {});
        return state.telegram.queued > 0 && state.telegram.lastError ? state : undefined;
      });
      expect(failing.telegram.lastError).toMatch(/Could not reach/);
      expect(failing.telegram.lastError).not.toContain(telegram.token);
      expect(telegram.messages.some((m) => m.text.startsWith('✅ While down'))).toBe(false);
    } finally {
      telegram.setDown(false);
    }
    await messageTo(
      telegram,
      PHONE,
      (m) => m.text.startsWith('✅ While down: finished.'),
      'the late one',
    );
    await waitFor('the queue empty and the error gone', async () => {
      const state = await harness.call('away.get', {});
      return state.telegram.queued === 0 && state.telegram.lastError === null ? state : undefined;
    });
  });

  it('revokes the pairing at once: the chat decides nothing more', async () => {
    const { run } = await runTask(
      harness,
      'Before revoke',
      '[scenario:bash command=echo%20revoked]',
    );
    const message = await messageTo(
      telegram,
      PHONE,
      (m) => m.text.includes('Before revoke') && m.keyboard !== null,
      'the request on the phone',
    );
    await harness.call('away.revokePairing', {});
    const press = telegram.press(PHONE, message, 'Allow');
    await waitFor('the press answered', async () =>
      telegram.answers.find((a) => a.callbackQueryId === press),
    );
    expect(telegram.answers.find((a) => a.callbackQueryId === press)?.text).toMatch(
      /not the paired/,
    );
    expect((await harness.call('approvals.list', { runId: run.id }))[0]?.status).toBe('pending');
    await harness.call('runs.cancel', { runId: run.id });
  });
});

describe('Telegram across a restart, paired from the environment', { timeout: 240_000 }, () => {
  it('delivers what was queued before the engine stopped, and announces a parked run', async () => {
    const fakeApi = await startFakeAnthropic({ planWindow: true });
    const fake = await startFakeTelegram();
    const dataDir = tempDir('away-restart');
    const settings = new MemorySettingsBackend();
    const secrets = new MemorySecretStore();
    const env = {
      ...PLAN_LOGIN_ENV,
      ...telegramEnv(fake, { SWITCHBOARD_TELEGRAM_CHAT_ID: String(PHONE) }),
    };
    let first: EngineHarness | undefined;
    let second: EngineHarness | undefined;
    try {
      first = await startEngine(fakeApi.url, {
        dataDir,
        settings,
        secrets,
        env,
        engine: { away: FAST },
      });
      expect((await first.call('away.get', {})).telegram.paired).toMatchObject({
        chat: String(PHONE),
        fromEnvironment: true,
      });
      fake.setDown(true);
      // Long enough that a slow cold start still meets the refusal; the test ends before the reset.
      fakeApi.plan.exhaustFor(180_000);
      const task = await first.call('tasks.create', {
        title: 'Parks',
        prompt: '[scenario:text say=after the reset]',
        cwd: tempDir('away-park'),
      });
      const { id } = await first.call('tasks.run', { taskId: task.id });
      const parked = await waitFor(
        'the run parked',
        async () => {
          const run = await first?.call('runs.get', { runId: id });
          return run?.status === 'waiting' && run.parkedUntil !== null ? run : undefined;
        },
        SESSION_WAIT_MS,
      );
      expect(parked.parkedUntil).not.toBeNull();
      await waitFor(
        'the parked note queued',
        async () => ((await first?.call('away.get', {}))?.telegram.queued ?? 0) > 0 || undefined,
      );
      await first.stop();
      first = undefined;

      fake.setDown(false);
      second = await startEngine(fakeApi.url, {
        dataDir,
        settings,
        secrets,
        env,
        engine: { away: FAST },
      });
      await messageTo(
        fake,
        PHONE,
        (m) => m.text.startsWith('⏸ Parks: parked at the plan limit'),
        'the parked note',
      );
    } finally {
      await first?.stop();
      await second?.stop();
      await fake.close();
      await fakeApi.close();
    }
  });
});

/** A button's callback data as first sent, to press it again after its message was edited. */
function dataOf(message: SentMessage, label: string): string {
  const button = message.sentKeyboard?.flat().find((b) => b.text === label);
  if (!button?.callback_data) throw new Error(`No button "${label}" was sent`);
  return button.callback_data;
}
