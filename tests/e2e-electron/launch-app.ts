// The one way e2e tests start the desktop app: the built app (out/) in the real Electron binary,
// on a fresh data folder, against the fake Anthropic API. Where Electron cannot run here, it says
// why so the suite can skip (or fail, with SWITCHBOARD_REQUIRE_ELECTRON=1).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import type { MethodInput, MethodName, MethodResult } from '../../src/shared/contract';
import type { WireResult } from '../../src/shared/errors';
import { startFakeAnthropic, type FakeAnthropic } from '../fixtures/fake-anthropic/server';
import { DEFAULT_SETTINGS } from '../../src/main/engine/settings/settings';
import { claudeEnv, tempDir } from '../support/claude-env';
import { freePort } from '../support/free-port';

const ROOT = resolve(import.meta.dirname, '../..');

/** What the preload puts in the page (functions passed to page.evaluate run there). */
export interface PageGlobals {
  switchboard: { call(method: string, input: unknown): Promise<string> };
  location: { href: string };
  require?: unknown;
  process?: unknown;
}

export interface LaunchedApp {
  app: ElectronApplication;
  /** The panel's window. */
  page: Page;
  fake: FakeAnthropic;
  dataDir: string;
  /** The app's local API (a free port written into its settings before it starts). */
  apiPort: number;
  /** Calls the API the way the panel does: window.switchboard over IPC, from the page. */
  call: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodResult<M>>;
  close: () => Promise<void>;
}

/** Why Electron cannot be launched here, or null when it can. */
export function electronUnavailableReason(): string | null {
  // Deliberately not require('electron'): without a binary it would start a download.
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  const binary = existsSync(pathFile)
    ? join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim())
    : null;
  if (!binary || !existsSync(binary)) {
    return (
      'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); run `npx install-electron --no` ' +
      '(or reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD) and check with `npx electron --version`.'
    );
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for Electron ($DISPLAY is unset); run the suite under `xvfb-run -a`.';
  }
  // better-sqlite3 is an N-API module, so one build serves Node and Electron; check it loads anyway.
  const probe = spawnSync(binary, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: ROOT,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (probe.status !== 0) {
    const detail = (probe.stderr || probe.error?.message || 'load failed').trim().split('\n')[0];
    return `Electron starts, but cannot load better-sqlite3 (${detail}); reinstall the dependencies.`;
  }
  return null;
}

export function electronBinary(): string {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  return join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
}

export async function launchApp(): Promise<LaunchedApp> {
  const fake = await startFakeAnthropic();
  const dataDir = tempDir('electron-data');
  // The app's default port (7420) may be taken here; the same setting a person would change.
  const apiPort = await freePort();
  writeFileSync(
    join(dataDir, 'settings.json'),
    JSON.stringify({
      ...DEFAULT_SETTINGS,
      desktop: { ...DEFAULT_SETTINGS.desktop, localApiPort: apiPort },
    }),
  );
  const args = [ROOT];
  // Chromium's own process sandbox cannot start as root (CI containers); the page sandbox stays on.
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  const app = await _electron.launch({
    executablePath: electronBinary(),
    args,
    cwd: ROOT,
    env: {
      ...(process.env as Record<string, string>),
      ...claudeEnv(fake.url),
      SWITCHBOARD_DATA_DIR: dataDir,
      // Never the person's real keychain entries.
      SWITCHBOARD_KEYCHAIN_SERVICE: `Switchboard-e2e-${process.pid}`,
    },
    timeout: 60_000,
  });
  const page = await app.firstWindow();
  await page.waitForFunction(() => 'switchboard' in globalThis);
  return {
    app,
    page,
    fake,
    dataDir,
    apiPort,
    call: async (method, input) => {
      const text = await page.evaluate(
        ([m, i]) => (globalThis as unknown as PageGlobals).switchboard.call(m, i),
        [method, input] as const,
      );
      // The bridge answers with JSON text (the page parses it).
      const wire = JSON.parse(text) as WireResult<unknown>;
      if (!wire.ok) throw new Error(`${method}: ${wire.error.code}: ${wire.error.message}`);
      return wire.value as MethodResult<typeof method>;
    },
    close: async () => {
      // The quit case may have ended the app already.
      await app.close().catch(() => undefined);
      await fake.close();
    },
  };
}
