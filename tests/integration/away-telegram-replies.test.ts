// Answering questions from the phone in words, with the REAL Claude Code binary against the fake
// Anthropic API and a fake Bot API (the chat paired from the environment): a question in two
// parts (the second multiple choice) answered by replying to its message, one line per part; a
// reply that does not answer every part is refused, said so in the chat, and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import {
  startFakeTelegram,
  type FakeTelegram,
  type SentMessage,
} from '../fixtures/fake-telegram/server';
import { tempDir } from '../support/claude-env';
import { startEngine, type EngineHarness } from '../support/engine-harness';
import { waitFor } from '../support/serve-process';

const PHONE = 4343;
const STRANGER = 8888;
const SESSION_WAIT_MS = 90_000;
const FAST = { retryBaseMs: 150, retryMaxMs: 600, pollSeconds: 1, pollRetryMs: 150 };

let anthropic: FakeAnthropic;
let telegram: FakeTelegram;
let harness: EngineHarness;

beforeAll(async () => {
  anthropic = await startFakeAnthropic();
  telegram = await startFakeTelegram();
  harness = await startEngine(anthropic.url, {
    env: {
      SWITCHBOARD_TELEGRAM_BOT_TOKEN: telegram.token,
      SWITCHBOARD_TELEGRAM_API_URL: telegram.url,
      SWITCHBOARD_TELEGRAM_CHAT_ID: String(PHONE),
    },
    engine: { away: FAST },
  });
});

afterAll(async () => {
  await harness.stop();
  await telegram.close();
  await anthropic.close();
});

function messageTo(matches: (message: SentMessage) => boolean, what: string) {
  return waitFor(
    what,
    async () => telegram.messages.find((m) => m.chatId === String(PHONE) && matches(m)),
    SESSION_WAIT_MS,
  );
}

describe('Telegram replies', { timeout: 240_000 }, () => {
  it('answers a two-part question by replying to its message, one line per part', async () => {
    const task = await harness.call('tasks.create', {
      title: 'Two questions',
      prompt: '[scenario:questions]',
      cwd: tempDir('away-replies'),
      permissionMode: 'default',
    });
    const run = await harness.call('tasks.run', { taskId: task.id });
    const message = await messageTo(
      (m) => m.text.includes('Two questions') && m.text.includes('Which sizes'),
      'the question on the phone',
    );
    expect(message.text).toContain('1. Which colour should the button be?');
    expect(message.text).toContain('2. Which sizes should it come in? (one or more, e.g. 1,3)');
    expect(message.text).toMatch(/1\) Small\n2\) Medium\n3\) Large/);
    expect(message.text).toContain('one answer per line');

    // One line for two questions: refused, said in the chat, still pending.
    telegram.reply(PHONE, message, 'Green');
    await messageTo((m) => m.text.startsWith('Not accepted: answer each of the 2'), 'the refusal');
    // The right answer from another chat: refused, and nothing is said there.
    telegram.reply(STRANGER, message, '2\n1,3');
    await waitFor('the stranger refused', async () =>
      (await harness.call('away.get', {})).refusals.find((r) => r.chat === String(STRANGER)),
    );
    expect(telegram.messages.some((m) => m.chatId === String(STRANGER))).toBe(false);
    expect((await harness.call('approvals.list', { runId: run.id }))[0]?.status).toBe('pending');

    telegram.reply(PHONE, message, '2\n1,3');
    const done = await harness.waitForRun(run.id, ['succeeded', 'failed'], SESSION_WAIT_MS);
    expect(done.status).toBe('succeeded');
    const decided = (await harness.call('approvals.list', { runId: run.id }))[0];
    expect(decided?.answers).toEqual({
      'Which colour should the button be?': 'Green',
      'Which sizes should it come in?': 'Small, Large',
    });
    expect(done.result).toContain('Green');
    expect(done.result).toContain('Small, Large');
    await waitFor(
      'the question edited',
      async () =>
        /Answered from phone at .*\n→ Green\n→ Small, Large/s.test(message.text) || undefined,
    );
  });
});
