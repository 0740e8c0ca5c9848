// Whose change each path is, from the run's start, its tool-call snapshots and its end; the
// timeline the hooks record (a call paused while its approval waits); taking back only the run's
// part of a file both changed; and the words a discard reports. No Claude Code, no real time.
import { createTwoFilesPatch } from 'diff';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attribute, combine, intervals } from '../../../../src/main/engine/review/attribution';
import { CallSnapshots, readTimeline } from '../../../../src/main/engine/review/call-snapshots';
import { discardMessage } from '../../../../src/main/engine/review/discard-message';
import {
  hunkCount,
  hunkStates,
  takeBackHunks,
} from '../../../../src/main/engine/review/hunk-restore';
import { takeBackRunPart } from '../../../../src/main/engine/review/reverse-patch';

/** Snapshots named s1, s2, … in the order they are taken. */
function counter() {
  let n = 0;
  return () => Promise.resolve(`s${++n}`);
}

describe('CallSnapshots', () => {
  it('records which snapshots a call of the run was running after, pausing for approvals', async () => {
    const state = mkdtempSync(join(tmpdir(), 'sb-calls-'));
    const calls = new CallSnapshots(state, 'start', counter());
    await calls.begin('bash'); // s1: before the command
    await calls.pause('bash'); // s2: it waits for the person
    await calls.resume('bash'); // s3: allowed, it runs
    await calls.finish('bash'); // s4: it returned
    expect(readTimeline(state)).toEqual({
      broken: false,
      steps: [
        { commit: 's1', open: 1 },
        { commit: 's2', open: 0 },
        { commit: 's3', open: 1 },
        { commit: 's4', open: 0 },
      ],
    });
  });

  it('keeps overlapping calls open until the last one returns, and ignores unknown ids', async () => {
    const state = mkdtempSync(join(tmpdir(), 'sb-calls-'));
    const calls = new CallSnapshots(state, 'start', counter());
    await calls.finish('never-began');
    await calls.resume('never-paused');
    await Promise.all([calls.begin('a'), calls.begin('b')]);
    await calls.finish('a');
    await calls.finish('b');
    expect(readTimeline(state)?.steps.map((s) => s.open)).toEqual([1, 2, 1, 0]);
  });

  it('marks the timeline broken when a snapshot fails, so nothing is attributed from it', async () => {
    const state = mkdtempSync(join(tmpdir(), 'sb-calls-'));
    const calls = new CallSnapshots(state, 'start', () => Promise.reject(new Error('disk full')));
    await calls.begin('a');
    expect(readTimeline(state)?.broken).toBe(true);
  });
});

describe('attribute', () => {
  /** What changed between two snapshots, as the test says. */
  function changes(table: Record<string, string[]>) {
    return (from: string, to: string) => Promise.resolve(table[`${from}>${to}`] ?? []);
  }

  it('gives the run what changed while its calls ran, others the rest, both to shared paths', async () => {
    const timeline = {
      broken: false,
      steps: [
        { commit: 'pre', open: 1 },
        { commit: 'paused', open: 0 },
        { commit: 'allowed', open: 1 },
        { commit: 'post', open: 0 },
      ],
    };
    const spans = intervals('start', timeline, 'end');
    expect(spans.map((s) => [s.from, s.to, s.byRun])).toEqual([
      ['start', 'pre', false],
      ['pre', 'paused', true],
      ['paused', 'allowed', false],
      ['allowed', 'post', true],
      ['post', 'end', false],
    ]);
    const { whose, runParts } = await attribute(
      spans,
      changes({
        'paused>allowed': ['notes.txt', 'second.txt', 'mine.txt'],
        'allowed>post': ['notes.txt', 'made.txt', 'gone.txt'],
        'post>end': ['later.txt'],
      }),
    );
    expect(Object.fromEntries(whose)).toEqual({
      'notes.txt': 'both',
      'made.txt': 'run',
      'gone.txt': 'run',
      'second.txt': 'other',
      'mine.txt': 'other',
      'later.txt': 'other',
    });
    expect(runParts.get('notes.txt')?.map((s) => [s.from, s.to])).toEqual([['allowed', 'post']]);
    expect(runParts.has('second.txt')).toBe(false);
  });

  it('with no calls at all, everything that changed is someone else’s', async () => {
    const spans = intervals('start', { broken: false, steps: [] }, 'end');
    const { whose } = await attribute(spans, changes({ 'start>end': ['a.txt'] }));
    expect(whose.get('a.txt')).toBe('other');
  });

  it('a renamed file is both’s when its two paths are not the same one’s', () => {
    expect(combine('run', undefined)).toBe('run');
    expect(combine(undefined, 'other')).toBe('other');
    expect(combine('run', 'other')).toBe('both');
    expect(combine('run', 'run')).toBe('run');
  });
});

describe('takeBackRunPart', () => {
  const text = (value: string) => Buffer.from(value, 'utf8');

  it('removes only the run’s lines from a file the person changed too', () => {
    const outcome = takeBackRunPart(text('first\nmine\nthe run’s\n'), [
      { before: text('first\nmine\n'), after: text('first\nmine\nthe run’s\n') },
    ]);
    expect(outcome).toEqual({ ok: true, content: text('first\nmine\n') });
  });

  it('still applies when the person changed lines away from the run’s', () => {
    const start = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const byRun = start.replace('line 15', 'line 15 by the run');
    const now = byRun.replace('line 2\n', 'line 2 by the person\n');
    const outcome = takeBackRunPart(text(now), [{ before: text(start), after: text(byRun) }]);
    expect(outcome).toEqual({
      ok: true,
      content: text(start.replace('line 2\n', 'line 2 by the person\n')),
    });
  });

  it('refuses, with the reason, when the person changed the lines around the run’s change', () => {
    const outcome = takeBackRunPart(text('a\nB\nrun\n'), [
      { before: text('a\nb\n'), after: text('a\nb\nrun\n') },
    ]);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.reason).toMatch(/does not come off cleanly/);
  });

  it('undoes several calls newest first, a creation and a deletion included', () => {
    const parts = [
      { before: null, after: text('one\n') },
      { before: text('one\n'), after: text('one\ntwo\n') },
    ];
    expect(takeBackRunPart(text('one\ntwo\n'), parts)).toEqual({ ok: true, content: null });
    expect(takeBackRunPart(null, [{ before: text('kept\n'), after: null }])).toEqual({
      ok: true,
      content: text('kept\n'),
    });
    expect(takeBackRunPart(text('new\n'), [{ before: text('kept\n'), after: null }]).ok).toBe(
      false,
    );
  });

  it('does not patch binary files', () => {
    const binary = Buffer.from([0, 1, 2, 10]);
    const outcome = takeBackRunPart(binary, [{ before: Buffer.from([0, 1, 10]), after: binary }]);
    expect(outcome.ok ? '' : outcome.reason).toMatch(/binary/);
  });
});

describe('discardMessage', () => {
  it('counts the run’s changes taken back and names what was left', () => {
    expect(
      discardMessage({
        restored: ['a', 'b', 'c'],
        partly: [],
        keptMine: [],
        others: ['x', 'y'],
        skipped: [],
        unkept: [],
      }),
    ).toBe(
      'Took back 3 of the run’s changes; 2 files changed by someone else were left as they are.',
    );
    expect(
      discardMessage({
        restored: ['a'],
        partly: [],
        keptMine: ['notes.txt'],
        others: ['x'],
        skipped: [{ path: 'b', reason: 'changed since the run ended' }],
        unkept: [],
      }),
    ).toBe(
      'Took back 1 of the run’s changes; 1 file changed by someone else was left as it is; kept your version of 1 file both changed (notes.txt). Left alone: b (changed since the run ended).',
    );
  });

  it('says how many of a file’s changes were taken back when only some were chosen', () => {
    expect(
      discardMessage({
        restored: [],
        partly: [{ path: 'notes.txt', hunks: 1, of: 3 }],
        keptMine: [],
        others: [],
        skipped: [],
        unkept: [],
      }),
    ).toBe('Took back 1 of the 3 changes to notes.txt and left the others.');
  });
});

describe('takeBackHunks', () => {
  const start = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
  const end = start
    .replace('line 2\n', 'line 2 by the run\n')
    .replace('line 25\n', 'line 25 by the run\n');
  const patch = createTwoFilesPatch('a/notes.txt', 'b/notes.txt', start, end);

  it('takes back only the chosen hunk and keeps the other', () => {
    expect(hunkCount(patch)).toBe(2);
    const second = takeBackHunks(Buffer.from(end), patch, [1]);
    expect(second.ok && second.content?.toString()).toBe(
      start.replace('line 2\n', 'line 2 by the run\n'),
    );
    const first = takeBackHunks(Buffer.from(end), patch, [0]);
    expect(first.ok && first.content?.toString()).toBe(
      start.replace('line 25\n', 'line 25 by the run\n'),
    );
  });

  it('says where each hunk stands: as the run left it, taken back, or changed since', () => {
    expect(hunkStates(Buffer.from(end), patch)).toEqual(['in_place', 'in_place']);
    const firstBack = start.replace('line 25\n', 'line 25 by the run\n');
    expect(hunkStates(Buffer.from(firstBack), patch)).toEqual(['taken_back', 'in_place']);
    const edited = end.replace('line 24\n', 'line 24 edited\n');
    expect(hunkStates(Buffer.from(edited), patch)).toEqual(['in_place', 'changed']);
  });

  it('refuses, writing nothing, when the file no longer matches the patch', () => {
    const changed = end.replace('line 24\n', 'line 24 edited\n');
    const outcome = takeBackHunks(Buffer.from(changed), patch, [1]);
    expect(outcome.ok ? '' : outcome.reason).toMatch(/do not come off cleanly/);
  });
});
