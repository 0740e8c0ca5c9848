// The Node orphan watchdog (the one Windows uses), run for real on Linux: with the POSIX group kill
// it ends a watched group after its parent is SIGKILLed; with the taskkill step it runs the same
// command lines endGroup would on Windows (against a recording taskkill). Never run on Windows.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  OrphanWatchdog,
  watchdogCommand,
} from '../../../src/main/engine/lifecycle/orphan-watchdog';
import { groupAlive, isAlive } from '../../../src/main/engine/lifecycle/process-group';
import { taskkillCommand } from '../../../src/main/engine/lifecycle/tree-kill';
import { tempDir } from '../../support/claude-env';
import { groupsKilledAfterEach } from '../../support/process-tree';
import { waitFor } from '../../support/serve-process';

const started = groupsKilledAfterEach();

/** A group led by a shell with a `sleep 600` child, as a session with a Bash tool would have. */
function startTree(): number {
  const child = spawn('sh', ['-c', 'sleep 600 & wait'], { detached: true, stdio: 'ignore' });
  child.unref();
  const pid = child.pid ?? 0;
  started.push(pid);
  return pid;
}

/**
 * An engine stand-in: a Node process that starts the watchdog exactly as OrphanWatchdog would
 * (watchdogCommand), tells it the group, reports the watchdog's pid, and waits to be killed.
 */
const STAND_IN = `
const { spawn } = require('node:child_process');
const { command, args, env, group } = JSON.parse(process.env.STAND_IN_RECIPE);
const watchdog = spawn(command, args, { detached: true, stdio: ['pipe', 'ignore', 'ignore'], env });
watchdog.stdin.write('+' + group + '\\n', () => console.log('watchdog ' + watchdog.pid));
setInterval(() => {}, 60000);
`;

describe.runIf(process.platform !== 'win32')('the Node watchdog on POSIX', () => {
  it('ends the watched group within 10 s of a SIGKILL of its parent', async () => {
    const group = startTree();
    await waitFor('the tree to start', () => groupAlive(group));
    const recipe = { ...watchdogCommand({ variant: 'node', graceSeconds: 1 }), group };
    expect(recipe.command).toBe(process.execPath);
    const parent = spawn(process.execPath, ['-e', STAND_IN], {
      env: { ...process.env, STAND_IN_RECIPE: JSON.stringify(recipe) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const watchdogPid = await waitFor('the watchdog to be told', () => {
      const match = /watchdog (\d+)/.exec(out);
      return match ? Number(match[1]) : undefined;
    });
    started.push(watchdogPid);
    // Alive while the parent is: the watchdog only acts on the parent's death.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(groupAlive(group)).toBe(true);

    parent.kill('SIGKILL');
    const killedAt = Date.now();
    await waitFor('the watched group to be gone', () => !groupAlive(group), 10_000);
    expect(Date.now() - killedAt).toBeLessThan(10_000);
    await waitFor('the watchdog to exit', () => !isAlive(watchdogPid), 5_000);
  }, 30_000);

  it('OrphanWatchdog with the Node variant: ends groups when its pipe closes, leaves released ones', async () => {
    const watched = startTree();
    const released = startTree();
    const watchdog = new OrphanWatchdog({ variant: 'node', graceSeconds: 1 });
    watchdog.watch(watched);
    watchdog.watch(released);
    watchdog.release(released);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(groupAlive(watched)).toBe(true);
    const pid = watchdog.pid ?? 0;
    // What the kernel does when the engine dies: the engine's end of the pipe closes.
    (watchdog as unknown as { child: { stdin: { destroy(): void } } }).child.stdin.destroy();
    await waitFor('the watched group to be ended', () => !groupAlive(watched), 5_000);
    await waitFor('the watchdog to exit', () => !isAlive(pid), 5_000);
    expect(groupAlive(released)).toBe(true);
  }, 20_000);
});

describe('the taskkill step (Windows)', () => {
  it('is taskkill /PID <pid> /T, then /T /F after the grace', () => {
    expect(taskkillCommand(4321, false)).toEqual({
      command: 'taskkill',
      args: ['/PID', '4321', '/T'],
    });
    expect(taskkillCommand(4321, true)).toEqual({
      command: 'taskkill',
      args: ['/PID', '4321', '/T', '/F'],
    });
  });

  it.runIf(process.platform !== 'win32')(
    'the Node watchdog runs those command lines for each tree when the engine is gone',
    async () => {
      // A taskkill that records its arguments, first on the watchdog's PATH.
      const bin = tempDir('taskkill');
      const log = join(bin, 'calls.log');
      writeFileSync(join(bin, 'taskkill'), `#!/bin/sh\necho "$*" >> '${log}'\n`);
      chmodSync(join(bin, 'taskkill'), 0o755);
      const path = process.env.PATH;
      process.env.PATH = `${bin}:${path ?? ''}`;
      let watchdog: OrphanWatchdog;
      try {
        watchdog = new OrphanWatchdog({ variant: 'node', killStep: 'taskkill', graceSeconds: 1 });
      } finally {
        process.env.PATH = path;
      }
      watchdog.watch(111);
      watchdog.watch(222);
      watchdog.watch(333);
      watchdog.release(333);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(existsSync(log)).toBe(false);
      (watchdog as unknown as { child: { stdin: { destroy(): void } } }).child.stdin.destroy();
      const calls = await waitFor('four taskkill calls', () => {
        const lines = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
        return lines.length >= 4 ? lines : undefined;
      });
      const line = (pid: number, force: boolean) => taskkillCommand(pid, force).args.join(' ');
      expect(calls).toEqual([line(111, false), line(222, false), line(111, true), line(222, true)]);
    },
    20_000,
  );
});
