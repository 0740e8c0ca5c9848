// Settings → Away and the inbox on a phone-sized screen (390 px), against the built serve process
// with a fake Telegram Bot API: pairing by the one-time code shown, the paired chat named, a
// request in the inbox saying it was sent to Telegram, then allowed from the phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../fixtures/fake-telegram/server';
import { screenshot } from '../support/browser';
import { waitFor } from '../support/serve-process';
import { cancelLiveRuns, createTask, startStack, type Stack } from './stack';

const PHONE = 5150;
const PHONE_SIZE = { width: 390, height: 844 };

describe('away from the desk, at 390 px', () => {
  let stack: Stack;
  let telegram: FakeTelegram;

  beforeAll(async () => {
    telegram = await startFakeTelegram();
    stack = await startStack({
      env: {
        SWITCHBOARD_TELEGRAM_BOT_TOKEN: telegram.token,
        SWITCHBOARD_TELEGRAM_API_URL: telegram.url,
      },
    });
  });

  afterAll(async () => {
    await cancelLiveRuns(stack);
    await stack.stop();
    await telegram.close();
  });

  it('pairs a phone with the code shown, then shows a request sent there and decided from it', async () => {
    const { page } = await stack.open({ path: '/settings', ...PHONE_SIZE });
    const away = page.locator('fieldset.away');
    await away.scrollIntoViewIfNeeded();
    await away.getByText('Bot token from SWITCHBOARD_TELEGRAM_BOT_TOKEN').waitFor();
    await away.getByRole('button', { name: 'Pair a phone' }).click();
    const code = (await away.getByTestId('pairing-code').innerText()).trim();
    expect(code).toMatch(/^\/start [A-Z2-9]{8}$/);
    await away.scrollIntoViewIfNeeded();
    await screenshot(page, 'away-pairing-390');
    // Nothing in the section is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(PHONE_SIZE.width);

    telegram.sendText(PHONE, code, 'phone_person');
    await away.getByTestId('away-paired').locator('strong', { hasText: '@phone_person' }).waitFor();
    expect(await away.getByTestId('away-paired').innerText()).toContain(
      'Only this chat can decide',
    );
    await screenshot(page, 'away-paired-390');

    await createTask(stack, 'From the couch', '[scenario:bash command=echo%20couch]');
    const tasks = await stack.serve.call('tasks.list', {});
    const task = tasks.find((candidate) => candidate.title === 'From the couch');
    if (!task) throw new Error('the task was not created');
    await stack.serve.call('tasks.run', { taskId: task.id });
    const message = await waitFor(
      'the request on the phone',
      () => telegram.messages.find((m) => m.text.includes('From the couch') && m.keyboard),
      90_000,
    );

    const inbox = (await stack.open({ path: '/inbox', ...PHONE_SIZE })).page;
    const note = inbox.getByTestId('away-note');
    await note.waitFor();
    expect(await note.innerText()).toMatch(/^Sent to Telegram at /);
    expect(await inbox.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE_SIZE.width,
    );
    await screenshot(inbox, 'away-inbox-390');

    telegram.press(PHONE, message, 'Allow');
    await inbox.getByText('Nothing needs you').waitFor({ timeout: 30_000 });
    await waitFor('the message edited', () =>
      /Allowed from phone at \d\d:\d\d/.test(message.text) ? true : undefined,
    );
  });
});
