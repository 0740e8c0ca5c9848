// One engine per data folder: the lock file, live and stale holders.
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineLock } from '../../../../src/main/engine/lifecycle/engine-lock';
import { announceApi, announcedApi } from '../../../../src/main/engine/lifecycle/api-announcement';
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

  it('says where the holder’s local API answers, from its own announcement only', () => {
    const dir = tempDir('lock');
    writeHolder(dir, process.ppid);
    announceApi(dir, 'http://127.0.0.1:7420', process.ppid);
    expect(() => EngineLock.acquire(dir, 'serve')).toThrow(
      /\(desktop, pid \d+, .*\. Its local API is at http:\/\/127\.0\.0\.1:7420\/ /,
    );
    // An announcement another process left behind is not the holder's.
    announceApi(dir, 'http://127.0.0.1:9999', process.ppid + 1);
    expect(() => EngineLock.acquire(dir, 'serve')).toThrow(/^(?!.*Its local API).*is using/);
    expect(announcedApi(dir, process.ppid)).toBeNull();
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
