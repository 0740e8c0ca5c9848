// Lowering a process's priority reaches every thread it has, not only its first: on Linux the
// nice value is per thread, and runtimes start threads before spawn() even returns. Where Linux
// shares CPU between sessions first (autogroups), the session's share goes down too.
import { spawn } from 'node:child_process';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLAUDE_PRIORITY,
  lowerAutogroup,
  lowerProcessPriority,
  type AutogroupFiles,
} from '../../../src/main/engine/lifecycle/process-priority';
import { autogroupOf, autogroupsWritable, threadNiceValues } from '../../support/process-tree';
import { waitFor } from '../../support/serve-process';

const children: { kill(): boolean }[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

describe.runIf(process.platform === 'linux')('lowerProcessPriority', () => {
  it('lowers every thread of a running runtime, and threads it starts later follow', async () => {
    // A Node child: V8 and libuv start worker threads at once; a timer later starts more work.
    const child = spawn(
      process.execPath,
      [
        '-e',
        "setTimeout(() => require('node:crypto').scrypt('a', 'b', 64, () => {}), 300); setTimeout(() => {}, 30000)",
      ],
      { stdio: 'ignore' },
    );
    children.push(child);
    const pid = child.pid ?? 0;
    await waitFor(
      'the child to start its threads',
      () => threadNiceValues(pid).length > 1 || undefined,
      10_000,
    );
    // The child starts at this process's own nice value (0, or more when run under `nice`).
    const inherited = getPriority();
    expect(inherited).not.toBe(CLAUDE_PRIORITY);
    expect(threadNiceValues(pid).every((nice) => nice === inherited)).toBe(true);

    expect(lowerProcessPriority(pid)).toBe(true);
    expect(threadNiceValues(pid).every((nice) => nice === CLAUDE_PRIORITY)).toBe(true);

    // scrypt runs on the libuv pool, started after the lowering by the (lowered) main thread.
    const before = threadNiceValues(pid).length;
    await waitFor(
      'the thread pool to start',
      () => threadNiceValues(pid).length > before || undefined,
      10_000,
    );
    expect(threadNiceValues(pid).every((nice) => nice === CLAUDE_PRIORITY)).toBe(true);
  });

  it('says so when the process is gone', () => {
    expect(lowerProcessPriority(2 ** 22 + 12345)).toBe(false);
  });
});

describe('lowerAutogroup', () => {
  it("lowers the share of a child's own session, and never the engine's", async () => {
    const leader = spawn('sleep', ['30'], { stdio: 'ignore', detached: true });
    const sameSession = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(leader, sameSession);
    const leaderPid = leader.pid ?? 0;
    if (!autogroupsWritable) {
      // No autogroups (not Linux, switched off) or none this process may set: nothing is done.
      expect(await lowerAutogroup(leaderPid)).toBe(false);
      return;
    }
    const own = autogroupOf('self');
    expect(autogroupOf(leaderPid)).toMatch(/ nice 0$/);

    expect(await lowerAutogroup(leaderPid)).toBe(true);
    expect(autogroupOf(leaderPid)).toMatch(new RegExp(` nice ${CLAUDE_PRIORITY}$`));
    // Already that low: nothing to write.
    expect(await lowerAutogroup(leaderPid)).toBe(true);

    expect(await lowerAutogroup(sameSession.pid ?? 0)).toBe(false);
    expect(autogroupOf('self')).toBe(own);
  });

  it('tries again while the kernel refuses for the moment (one write per 100 ms), not after a real refusal', async () => {
    const writes: number[] = [];
    const files = (failures: string[]): AutogroupFiles => ({
      enabled: () => true,
      read: (pid) => (pid === 'self' ? '/autogroup-1 nice 0' : '/autogroup-2 nice 0'),
      write: (_pid, nice) => {
        const code = failures.shift();
        if (code) throw Object.assign(new Error(code), { code });
        writes.push(nice);
      },
    });
    expect(await lowerAutogroup(42, 10, files(['EAGAIN', 'EAGAIN']))).toBe(true);
    expect(writes).toEqual([10]);
    expect(await lowerAutogroup(42, 10, files(['EPERM']))).toBe(false);
    expect(writes).toEqual([10]);
    expect(await lowerAutogroup(42, 10, files(Array<string>(10).fill('EAGAIN')))).toBe(false);
  });
});
