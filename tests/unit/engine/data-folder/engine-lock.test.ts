// One engine per data folder: the lock file, live and stale holders, reused PIDs, and two
// engines taking over the same stale lock at once.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineLock } from '../../../../src/main/engine/data-folder/engine-lock';
import { processStartToken } from '../../../../src/main/engine/lifecycle/process-start';
import {
  announceApi,
  announcedApi,
} from '../../../../src/main/engine/data-folder/api-announcement';
import { tempDir } from '../../../support/claude-env';

describe('EngineLock', () => {
  it('refuses a second holder while the first is alive, and allows it after release', () => {
    const dir = tempDir('lock');
    const lock = EngineLock.acquire(dir, 'desktop');
    expect(() => EngineLock.acquire(dir, 'serve')).toThrow(/Another Switchboard engine \(desktop/);
    lock.release();
    const again = EngineLock.acquire(dir, 'serve');
    again.release();
    // A lock from an older version (no start time) held by a live process.
    writeHolder(dir, { pid: process.ppid });
    expect(() => EngineLock.acquire(dir, 'serve')).toThrow(
      new RegExp(`Another Switchboard engine \\(desktop, pid ${process.ppid}`),
    );
  });

  it('says where the holder’s local API answers, from its own announcement only', () => {
    const dir = tempDir('lock');
    writeHolder(dir, { pid: process.ppid });
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
    writeHolder(dir, { pid: 2 ** 22 + 12345 });
    const lock = EngineLock.acquire(dir, 'serve');
    expect(JSON.parse(readFileSync(join(dir, 'engine.lock'), 'utf8'))).toMatchObject({
      pid: process.pid,
      kind: 'serve',
    });
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes over a lock whose PID now belongs to another program', () => {
    const dir = tempDir('lock');
    const parentStart = processStartToken(process.ppid);
    expect(parentStart, 'this platform records process start times').not.toBeNull();
    // The parent is alive, but it is not the process that wrote this lock.
    writeHolder(dir, { pid: process.ppid, processStart: `${parentStart}-earlier-boot` });
    EngineLock.acquire(dir, 'serve').release();
    // The same PID with its real start time is the live holder.
    writeHolder(dir, { pid: process.ppid, processStart: parentStart });
    expect(() => EngineLock.acquire(dir, 'serve')).toThrow(/Another Switchboard engine/);
  });

  it('lets only one of two engines take over the same stale lock', () => {
    const dir = tempDir('lock');
    writeHolder(dir, { pid: 2 ** 22 + 777 });
    let inner: EngineLock | undefined;
    // The second engine runs its whole acquire between the first judging the lock stale and
    // taking it over: the first must then see the second as the live holder.
    const outer = () =>
      EngineLock.acquire(dir, 'desktop', {
        beforeTakeover: () => {
          if (inner === undefined) inner = EngineLock.acquire(dir, 'serve');
        },
      });
    expect(outer).toThrow(/Another Switchboard engine \(serve/);
    expect(inner).toBeDefined();
    expect(JSON.parse(readFileSync(join(dir, 'engine.lock'), 'utf8'))).toMatchObject({
      kind: 'serve',
    });
    inner?.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

function writeHolder(dir: string, fields: { pid: number; processStart?: string | null }): void {
  writeFileSync(
    join(dir, 'engine.lock'),
    JSON.stringify({ kind: 'desktop', host: hostname(), startedAt: Date.now(), ...fields }),
  );
}
