// Lowering a process's priority reaches every thread it has, not only its first: on Linux the
// nice value is per thread, and runtimes start threads before spawn() even returns.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLAUDE_PRIORITY,
  lowerProcessPriority,
} from '../../../../src/main/engine/lifecycle/process-priority';
import { threadNiceValues } from '../../../support/process-tree';
import { waitFor } from '../../../support/serve-process';

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
    expect(threadNiceValues(pid).every((nice) => nice === 0)).toBe(true);

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
