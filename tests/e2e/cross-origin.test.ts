// A hostile page served on another local port, opened in the same Chromium profile as the signed-in
// panel (so the browser holds the panel's cookie and sends it, as SameSite ignores ports), tries
// every request a page can make without a CORS preflight. None may change anything.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack';

let stack: Stack;
let hostile: Server;
let hostilePort: number;

/** The attack page; `TARGET` is the panel's origin. */
function attackPage(target: string): string {
  const change = JSON.stringify({
    defaultPermissionMode: 'bypassPermissions',
    claudeExecutablePath: '/tmp/evil-claude',
    triggers: { paused: true },
  });
  return `<!doctype html><meta charset="utf-8"><title>hostile</title>
<iframe name="sink"></iframe>
<form id="plain" method="POST" target="sink" enctype="text/plain"
  action="${target}/rpc/settings.update"><input name='${change.slice(0, -1)},"x":"' value='"}'></form>
<form id="urlencoded" method="POST" target="sink"
  action="${target}/rpc/settings.update"><input name="concurrency" value="9"></form>
<script>
  const target = ${JSON.stringify(target)};
  const change = ${JSON.stringify(change)};
  window.attacks = (async () => {
    const outcomes = {};
    const attempt = async (name, run) => {
      try { const r = await run(); outcomes[name] = r && r.type === 'opaque' ? 'opaque' : String(r && r.status); }
      catch (error) { outcomes[name] = 'blocked: ' + error.message; }
    };
    await attempt('no-cors text/plain', () => fetch(target + '/rpc/settings.update', {
      method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'Content-Type': 'text/plain' }, body: change }));
    await attempt('cors json', () => fetch(target + '/rpc/settings.update', {
      method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/json' }, body: change }));
    await attempt('cors secrets.set', () => fetch(target + '/rpc/secrets.set', {
      method: 'POST', mode: 'no-cors', credentials: 'include',
      body: JSON.stringify({ name: 'ANTHROPIC_API_KEY', value: 'attacker-key' }) }));
    outcomes.beacon = String(navigator.sendBeacon(target + '/rpc/settings.update',
      new Blob([change], { type: 'text/plain' })));
    document.getElementById('plain').submit();
    await new Promise((resolve) => setTimeout(resolve, 300));
    document.getElementById('urlencoded').submit();
    await new Promise((resolve) => setTimeout(resolve, 300));
    return outcomes;
  })();
</script>`;
}

beforeAll(async () => {
  stack = await startStack();
  hostile = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(attackPage(stack.serve.url));
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  hostilePort = (hostile.address() as AddressInfo).port;
});

afterAll(async () => {
  hostile.close();
  await stack.stop();
});

describe('a hostile page on another local port', () => {
  it('cannot change settings or secrets with the panel’s cookie', async () => {
    const { context } = await stack.open();
    const before = await stack.serve.call('settings.get', {});
    const secretsBefore = await stack.serve.call('secrets.list', {});
    const cookies = await context.cookies(stack.serve.url);
    expect(cookies.map((c) => c.name)).toContain('switchboard_token');

    for (const host of ['127.0.0.1', 'localhost']) {
      const page = await context.newPage();
      const answers: { url: string; status: number; cookie: boolean }[] = [];
      page.on('response', (response: Response) => {
        if (!response.url().startsWith(stack.serve.url)) return;
        void response
          .request()
          .allHeaders()
          .then((headers) =>
            answers.push({
              url: response.url(),
              status: response.status(),
              cookie: (headers.cookie ?? '').includes('switchboard_token='),
            }),
          );
      });
      await page.goto(`http://${host}:${hostilePort}/`);
      const outcomes = await page.evaluate<Record<string, string>>('window.attacks');
      await page.waitForTimeout(1000);
      // The CORS request never got past its preflight; the others got refusals.
      expect(outcomes['cors json']).toMatch(/^blocked/);
      expect(answers.length, JSON.stringify(answers)).toBeGreaterThanOrEqual(3);
      for (const answer of answers) {
        expect([403, 415], JSON.stringify(answer)).toContain(answer.status);
      }
      // The attack is real: from the 127.0.0.1 page the browser did send the panel's cookie.
      if (host === '127.0.0.1') expect(answers.some((a) => a.cookie)).toBe(true);
      await page.close();
    }

    expect(await stack.serve.call('settings.get', {})).toEqual(before);
    expect(await stack.serve.call('secrets.list', {})).toEqual(secretsBefore);
  });

  it('leaves the panel itself working', async () => {
    const { page } = await stack.open({ path: '/settings' });
    await page.getByLabel('Runs at once', { exact: true }).fill('4');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(async () => (await stack.serve.call('settings.get', {})).concurrency, {
        timeout: 10_000,
      })
      .toBe(4);
    await stack.serve.call('settings.update', { concurrency: 2 });
  });
});
