// Secrets in Settings against the REAL keychain (gnome-keyring in CI): one is added, and deleting
// it asks first, since its value cannot be shown or brought back. Skipped without a reachable
// keychain unless SWITCHBOARD_REQUIRE_KEYCHAIN=1 (CI), as in tests/integration/keychain.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeychainSecretStore } from '../../src/main/engine/secrets/keychain-secret-store';
import { screenshot } from '../support/browser';
import { startStack, type Stack } from './stack';

/** Our own service name, so the test never touches a person's real Switchboard secrets. */
const SERVICE = `Switchboard-e2e-${process.pid}-${Date.now()}`;
const REQUIRED = process.env.SWITCHBOARD_REQUIRE_KEYCHAIN === '1';
const probe = await new KeychainSecretStore({ service: SERVICE }).availability();
if (!probe.available && !REQUIRED) {
  console.warn(
    `secrets.test.ts: SKIPPED — ${probe.reason ?? 'no keychain'} (see keychain.test.ts)`,
  );
}

describe.runIf(probe.available || REQUIRED)('secrets in Settings', () => {
  let stack: Stack;
  const keychain = new KeychainSecretStore({ service: SERVICE });

  beforeAll(async () => {
    stack = await startStack({ env: { SWITCHBOARD_KEYCHAIN_SERVICE: SERVICE } });
  });

  afterAll(async () => {
    await stack.stop();
    for (const name of await keychain.names().catch(() => [])) await keychain.delete(name);
  });

  it('adds a secret, and deletes it only once the question is answered', async () => {
    const { page } = await stack.open({ path: '/settings' });
    const form = page.locator('.secret-form');
    await form.getByLabel('Name').fill('E2E_TOKEN');
    await form.getByLabel('Value').fill('e2e-secret-value');
    await form.getByRole('button', { name: 'Add secret' }).click();
    const stored = page.getByRole('list', { name: 'Stored secrets' });
    await stored.locator('li > code', { hasText: 'E2E_TOKEN' }).waitFor();
    expect(await keychain.get('E2E_TOKEN')).toBe('e2e-secret-value');

    await stored.getByRole('button', { name: 'Delete' }).click();
    const question = page.getByRole('dialog', { name: 'Delete E2E_TOKEN?' });
    await question.waitFor();
    expect(await question.innerText()).toContain('cannot show it again');
    await screenshot(page, 'settings-secret-delete');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'hidden' });
    expect(await keychain.get('E2E_TOKEN')).toBe('e2e-secret-value');

    await stored.getByRole('button', { name: 'Delete' }).click();
    await question.getByRole('button', { name: 'Delete secret' }).click();
    await page.getByText('No secrets stored yet.').waitFor();
    expect(await keychain.get('E2E_TOKEN')).toBeNull();
  });
});
