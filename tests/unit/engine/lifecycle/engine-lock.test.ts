// One engine per data folder: the lock file, live and stale holders.
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineLock } from '../../../../src/main/engine/lifecycle/engine-lock';
import { tempDir } from '../../../support/claude-env';

describe('EngineLock', () => {
  it('refuses a second holder while the first is alive, and allows it after release', () => {
    const dir = tempDir('lock');
    const lock = EngineLock.acquire(dir, 'desktop');
    // Same pid counts as this process: simulate another live holder by pointing at our parent.
    lock.release();
    const again = EngineLock.acquire(dir, 'serve');
    again.release();
    expect(() => {
      const a = EngineLock.acquire(dir, 'desktop');
      try {
        writeHolder(dir, process.ppid);
        EngineLock.acquire(dir, 'serve');
      } finally {
        a.release();
      }
    }).toThrow(/Another Switchboard engine \(desktop, pid \d+/);
  });

  it('takes over a stale lock left by a dead process', () => {
    const dir = tempDir('lock');
    writeHolder(dir, 2 ** 22 + 12345);
    const lock = EngineLock.acquire(dir, 'serve');
    lock.release();
  });
});

function writeHolder(dir: string, pid: number): void {
  writeFileSync(
    join(dir, 'engine.lock'),
    JSON.stringify({ pid, kind: 'desktop', host: hostname(), startedAt: Date.now() }),
  );
}
