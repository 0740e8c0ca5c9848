// Starts the built engine host entry (out/main/engine-host.js) as a Node child with an IPC
// channel: the same entry and messages the desktop app's utility process gets, over fork() instead.
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { HostChild } from '../../src/main/desktop/engine-host-supervisor';
import type { HostConfig } from '../../src/main/host/host-protocol';
import { claudeEnv, tempDir } from './claude-env';

const ROOT = resolve(import.meta.dirname, '../..');
export const HOST_ENTRY = resolve(ROOT, 'out/main/engine-host.js');

export interface ForkedHosts {
  /** The HostChild factory the supervisor calls (once per start and restart). */
  fork: () => HostChild;
  /** Every child started so far, newest last. */
  children: ChildProcess[];
  output: () => string;
}

export function nodeHostForker(env: NodeJS.ProcessEnv = process.env): ForkedHosts {
  const children: ChildProcess[] = [];
  let output = '';
  return {
    children,
    output: () => output,
    fork() {
      // 'advanced' serialization is structured clone, as Electron's parentPort uses.
      const child = fork(HOST_ENTRY, [], {
        cwd: ROOT,
        env,
        serialization: 'advanced',
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      children.push(child);
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return {
        get pid() {
          return child.pid;
        },
        postMessage: (message) => {
          child.send(message);
        },
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) => child.on('exit', (code) => listener(code)),
        kill: () => void child.kill('SIGTERM'),
      };
    },
  };
}

/** A desktop-like host config on a fresh data folder against the fake Anthropic API. */
export function hostConfig(fakeUrl: string, overrides: Partial<HostConfig> = {}): HostConfig {
  return {
    dataDir: tempDir('host-data'),
    holder: 'desktop',
    env: { ...process.env, ...claudeEnv(fakeUrl) },
    keychainService: `switchboard-test-${process.pid}`,
    staticDir: resolve(ROOT, 'out/renderer'),
    localApi: { token: 'host-token-' + Math.random().toString(36).slice(2), required: false },
    ...overrides,
  };
}
