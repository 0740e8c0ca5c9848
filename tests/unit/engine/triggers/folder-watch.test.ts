// FolderWatch against real files in temp folders: batching, half-written files, the rescan that
// catches what a watcher missed, quiet periods (loop prevention) and a folder that comes and goes.
import { appendFileSync, mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../../../src/shared/domain';
import type { FolderChange } from '../../../../src/main/engine/triggers/folder-snapshot';
import {
  FolderWatch,
  type FolderWatchOptions,
  type WatcherFactory,
} from '../../../../src/main/engine/triggers/folder-watch';
import { tempDir } from '../../../support/claude-env';
import { waitFor } from '../../../support/serve-process';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A watcher that reports only what the test emits (a real one would report everything). */
function manualWatcher() {
  let emit: ((event: WatchEvent, path: string) => void) | undefined;
  let opened = 0;
  const factory: WatcherFactory = (_folder, _options, onEvent) => {
    emit = onEvent;
    opened += 1;
    return { close: () => Promise.resolve() };
  };
  return {
    factory,
    emit: (event: WatchEvent, path: string) => emit?.(event, path),
    opened: () => opened,
  };
}

const watches: FolderWatch[] = [];
afterEach(async () => {
  await Promise.all(watches.splice(0).map((watch) => watch.stop()));
});

function startWatch(folder: string, overrides: Partial<FolderWatchOptions> = {}) {
  const batches: FolderChange[][] = [];
  const statuses: (string | null)[] = [];
  const watch = new FolderWatch({
    folder,
    glob: null,
    ignore: [],
    events: ['add', 'change', 'unlink'],
    settleMs: 150,
    stabilityMs: 100,
    rescanMs: 60_000,
    missingRecheckMs: 100,
    maxBatchMs: 10_000,
    isQuiet: () => false,
    onBatch: (changes) => batches.push(changes),
    onStatus: (error) => statuses.push(error),
    ...overrides,
  });
  watches.push(watch);
  watch.start();
  return { watch, batches, statuses };
}

describe('FolderWatch', () => {
  it('collects a burst of events into one batch, filtered by glob, ignore and event kinds', async () => {
    const folder = tempDir('watch-burst');
    mkdirSync(join(folder, 'sub'));
    mkdirSync(join(folder, 'skip'));
    const watcher = manualWatcher();
    const { batches } = startWatch(folder, {
      watcher: watcher.factory,
      glob: '*.md',
      ignore: ['skip/**'],
      events: ['add', 'change'],
    });
    const files = ['a.md', 'sub/c.md', 'b.txt', 'skip/d.md', 'gone.md'].map((name) =>
      join(folder, name),
    );
    for (const file of files) writeFileSync(file, 'x');
    for (const file of files) watcher.emit('add', file);
    watcher.emit('change', join(folder, 'a.md'));
    // Added then deleted inside one batch: nothing happened overall.
    unlinkSync(join(folder, 'gone.md'));
    watcher.emit('unlink', join(folder, 'gone.md'));

    await waitFor('a batch', () => batches.length > 0, 5_000);
    await sleep(400);
    expect(batches).toEqual([
      [
        { path: join(folder, 'a.md'), event: 'add' },
        { path: join(folder, 'sub/c.md'), event: 'add' },
      ],
    ]);
  });

  it('holds a file back while it is still being written', async () => {
    const folder = tempDir('watch-growing');
    const watcher = manualWatcher();
    const { batches } = startWatch(folder, { watcher: watcher.factory });
    const file = join(folder, 'big.log');
    writeFileSync(file, 'start\n');
    watcher.emit('add', file);
    let lastWrite = 0;
    for (let i = 0; i < 6; i++) {
      await sleep(80);
      appendFileSync(file, `line ${i}\n`);
      lastWrite = Date.now();
    }
    await waitFor('the batch', () => batches.length > 0, 5_000);
    const handedOn = Date.now();
    expect(handedOn - lastWrite).toBeGreaterThanOrEqual(140);
    expect(batches).toEqual([[{ path: file, event: 'add' }]]);
  });

  it('hands on a batch after maxBatchMs even while changes keep coming', async () => {
    const folder = tempDir('watch-stream');
    const watcher = manualWatcher();
    const { batches } = startWatch(folder, { watcher: watcher.factory, maxBatchMs: 400 });
    const started = Date.now();
    for (let i = 0; i < 20 && batches.length === 0; i++) {
      const file = join(folder, `tick-${i}.txt`);
      writeFileSync(file, String(i));
      watcher.emit('add', file);
      await sleep(50);
    }
    expect(batches.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(900);
    expect(batches[0]?.length).toBeGreaterThan(3);
  });

  it('finds changes the watcher missed with a periodic rescan', async () => {
    const folder = tempDir('watch-rescan');
    writeFileSync(join(folder, 'old.txt'), 'old');
    const watcher = manualWatcher();
    const { batches } = startWatch(folder, { watcher: watcher.factory, rescanMs: 200 });
    await sleep(50);
    writeFileSync(join(folder, 'new.txt'), 'new');
    await waitFor('the rescan to find new.txt', () => batches.length === 1, 5_000);
    expect(batches[0]).toEqual([{ path: join(folder, 'new.txt'), event: 'add' }]);

    writeFileSync(join(folder, 'old.txt'), 'changed, and longer');
    unlinkSync(join(folder, 'new.txt'));
    await waitFor('the second rescan batch', () => batches.length === 2, 5_000);
    expect(batches[1]).toEqual([
      { path: join(folder, 'new.txt'), event: 'unlink' },
      { path: join(folder, 'old.txt'), event: 'change' },
    ]);
  });

  it('drops changes while quiet, and does not report them later', async () => {
    const folder = tempDir('watch-quiet');
    const watcher = manualWatcher();
    let quiet = true;
    const { watch, batches } = startWatch(folder, {
      watcher: watcher.factory,
      rescanMs: 150,
      isQuiet: () => quiet,
    });
    const own = join(folder, 'written-by-the-run.txt');
    writeFileSync(own, 'x');
    watcher.emit('add', own);
    await sleep(500);
    quiet = false;
    watch.rebaseline();
    await sleep(600);
    expect(batches).toEqual([]);

    const theirs = join(folder, 'from-a-person.txt');
    writeFileSync(theirs, 'y');
    watcher.emit('add', theirs);
    await waitFor('a batch after the quiet period', () => batches.length > 0, 5_000);
    expect(batches).toEqual([[{ path: theirs, event: 'add' }]]);
  });

  it('reports a missing folder on the trigger and recovers when it comes back', async () => {
    const parent = tempDir('watch-missing');
    const folder = join(parent, 'inbox');
    const watcher = manualWatcher();
    const { batches, statuses } = startWatch(folder, { watcher: watcher.factory, rescanMs: 150 });
    expect(statuses).toEqual([`Folder ${folder} does not exist`]);
    expect(watcher.opened()).toBe(0);

    mkdirSync(folder);
    await waitFor('the folder to be picked up', () => statuses.at(-1) === null, 5_000);
    expect(watcher.opened()).toBe(1);
    writeFileSync(join(folder, 'a.txt'), 'a');
    watcher.emit('add', join(folder, 'a.txt'));
    await waitFor('a batch', () => batches.length === 1, 5_000);

    rmSync(folder, { recursive: true });
    await waitFor('the folder to be missed again', () => statuses.at(-1) !== null, 5_000);
    expect(statuses.at(-1)).toBe(`Folder ${folder} does not exist`);
    await sleep(400);
    expect(batches).toHaveLength(1);
  });
});
