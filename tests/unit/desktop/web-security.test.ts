// The window's security rules: CSP, links only to the OS browser (http/https), no navigation or
// new windows, permissions refused, and the app:// file server staying inside the panel folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../fakes/electron'));

import {
  FakeWebContents,
  fakeEvent,
  protocol,
  resetFakeElectron,
  session,
  shell,
} from '../fakes/electron';
import { registerPanelScheme, servePanel } from '../../../src/main/desktop/app-protocol';
import { contentSecurityPolicy, panelUrlPath } from '../../../src/main/desktop/panel-response';
import {
  hardenSession,
  hardenWebContents,
  isPanelUrl,
  isSafeExternalUrl,
} from '../../../src/main/desktop/web-security';

const BASE = 'app://switchboard';

beforeEach(() => resetFakeElectron());

describe('policies', () => {
  it('allows only the panel’s own scripts in production; dev adds Vite’s needs', () => {
    const csp = contentSecurityPolicy(null);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(contentSecurityPolicy('http://localhost:5173')).toContain(
      "connect-src 'self' ws://localhost:5173",
    );
  });

  it('hands only http and https links to the OS browser', () => {
    expect(isSafeExternalUrl('https://docs.anthropic.com/x')).toBe(true);
    expect(isSafeExternalUrl('http://localhost:3000')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'app://switchboard/',
      'not a url',
    ]) {
      expect(isSafeExternalUrl(url)).toBe(false);
    }
  });

  it('recognises panel URLs by scheme and host only', () => {
    expect(isPanelUrl('app://switchboard/runs/1?x=2', BASE)).toBe(true);
    expect(isPanelUrl('app://switchboard.evil/', BASE)).toBe(false);
    expect(isPanelUrl('http://switchboard/', BASE)).toBe(false);
    expect(isPanelUrl('http://localhost:5173/inbox', 'http://localhost:5173')).toBe(true);
    expect(isPanelUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('web contents', () => {
  it('keeps navigation inside the panel and sends http(s) links to the OS browser', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, BASE);
    const inside = fakeEvent({ url: 'app://switchboard/runs/2' });
    contents.emit('will-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);

    const outside = fakeEvent({ url: 'https://example.com/' });
    contents.emit('will-navigate', outside);
    expect(outside.defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.com/');

    const sneaky = fakeEvent({ url: 'file:///etc/passwd' });
    contents.emit('will-redirect', sneaky);
    expect(sneaky.defaultPrevented).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('denies every new window, opening safe links externally', () => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as never, BASE);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/doc' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({
      action: 'deny',
    });
    expect(shell.openExternal.mock.calls).toEqual([['https://example.com/doc']]);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });
});

describe('session', () => {
  it('refuses permission requests, except clipboard writes from the panel', () => {
    hardenSession(BASE, 'csp');
    const decide = (permission: string, url: string) => {
      const contents = new FakeWebContents();
      contents.mainFrame.url = url;
      let granted: boolean | undefined;
      (session.defaultSession.permissionRequestHandler as (...args: unknown[]) => void)(
        contents,
        permission,
        (ok: boolean) => (granted = ok),
      );
      return granted;
    };
    expect(decide('media', `${BASE}/`)).toBe(false);
    expect(decide('notifications', `${BASE}/`)).toBe(false);
    expect(decide('geolocation', `${BASE}/`)).toBe(false);
    expect(decide('clipboard-sanitized-write', `${BASE}/`)).toBe(true);
    expect(decide('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  it('adds the CSP header to panel responses', () => {
    hardenSession(BASE, 'the-policy');
    let result: unknown;
    (session.defaultSession.headersHandler as (...args: unknown[]) => void)(
      { url: `${BASE}/index.html`, responseHeaders: { 'X-Test': ['1'] } },
      (response: unknown) => (result = response),
    );
    expect(result).toEqual({
      responseHeaders: { 'X-Test': ['1'], 'Content-Security-Policy': ['the-policy'] },
    });
  });
});

describe('app:// file server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<html>panel</html>');

  const fileOf = (url: string) => {
    const target = panelUrlPath(dir, url);
    return target.kind === 'file' ? target.file : null;
  };

  it('serves files by path and index.html for every route', () => {
    expect(fileOf('app://switchboard/assets/index-abc.js')).toBe(join(dir, 'assets/index-abc.js'));
    expect(fileOf('app://switchboard/runs/run_1')).toBe(join(dir, 'index.html'));
    expect(fileOf('app://switchboard/?drop=%5B%5D')).toBe(join(dir, 'index.html'));
  });

  it('never leaves the panel folder', () => {
    for (const escape of [
      '..%2F..%2Fetc%2Fpasswd.txt',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd.txt',
      'assets%2F..%2F..%2Fsecret.json',
      '..%5C..%5Csecret.json',
      'index.html%00.js',
      'bad%E0%A4%A.js',
    ]) {
      expect(panelUrlPath(dir, `app://switchboard/${escape}`).kind, escape).toBe('bad_request');
    }
    // The URL parser folds %2e%2e segments away, so this one lands at the panel's root.
    expect(fileOf('app://switchboard/%2e%2e/secret.json')).toBe(join(dir, 'secret.json'));
  });

  it('answers with the file and the CSP header', async () => {
    registerPanelScheme();
    expect(protocol.privileged).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    servePanel(dir, 'the-policy');
    const handler = protocol.handlers.get('app');
    const response = await handler?.(new Request('app://switchboard/inbox'));
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-security-policy')).toBe('the-policy');
    expect(await response?.text()).toBe('<html>panel</html>');
    expect((await handler?.(new Request('app://switchboard/missing.js')))?.status).toBe(404);
    expect((await handler?.(new Request('app://switchboard/..%2Fx.js')))?.status).toBe(400);
  });
});
