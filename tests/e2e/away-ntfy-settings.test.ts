// Settings → Away's ntfy and webhook parts on a phone-sized screen (390 px), against the built
// serve process and a fake ntfy server, by touch: making the topics shows the one to subscribe
// to, the webhook part says where its secret comes from without showing it, and nothing is wider
// than the screen. (The secret comes from the environment: e2e runs have no keychain.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeNtfy, type FakeNtfy } from '../fixtures/fake-ntfy/server';
import { screenshot } from '../support/browser';
import { startStack, type Stack } from './stack';

const PHONE_SIZE = { width: 390, height: 844, touch: true };
const SECRET = 'e2e-webhook-secret-not-to-be-shown-0123456789';

describe('ntfy and the webhook in Settings → Away, at 390 px', () => {
  let stack: Stack;
  let ntfy: FakeNtfy;

  beforeAll(async () => {
    ntfy = await startFakeNtfy();
    stack = await startStack({
      env: { SWITCHBOARD_NTFY_URL: ntfy.url, SWITCHBOARD_WEBHOOK_SECRET: SECRET },
    });
  });

  afterAll(async () => {
    await stack.stop();
    await ntfy.close();
  });

  it('makes ntfy topics by touch, showing the topic to subscribe to', async () => {
    const { page } = await stack.open({ path: '/settings', ...PHONE_SIZE });
    const part = page.getByTestId('away-ntfy');
    await part.scrollIntoViewIfNeeded();
    await part.getByText('Off: no topics yet.').waitFor();
    await part.getByRole('button', { name: 'Make ntfy topics' }).tap();
    const topic = (await part.getByTestId('ntfy-topic').innerText()).trim();
    expect(topic).toMatch(/^sb-[-\w]{32}$/);
    expect(await part.innerText()).toContain(ntfy.url);
    const state = await stack.serve.call('away.get', {});
    expect(state.ntfy.topics?.topic).toBe(topic);
    await part.scrollIntoViewIfNeeded();
    await screenshot(page, 'away-ntfy-390');

    const hook = page.getByTestId('away-webhook');
    await hook.scrollIntoViewIfNeeded();
    await hook.getByText('Signing secret from SWITCHBOARD_WEBHOOK_SECRET.').waitFor();
    expect(await hook.innerText()).not.toContain(SECRET);
    await screenshot(page, 'away-webhook-390');

    // New topics by touch: the confirmation says what stops, and the old topic goes.
    await part.getByRole('button', { name: 'New topics' }).tap();
    await page.getByRole('button', { name: 'Make new topics' }).tap();
    await part.getByTestId('ntfy-topic').filter({ hasNotText: topic }).waitFor();

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE_SIZE.width,
    );
  });
});
