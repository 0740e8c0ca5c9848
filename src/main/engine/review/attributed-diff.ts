// A run in place, file by file with whose change each is: the run's start-to-end diff, each file
// attributed through the run's tool-call snapshots (attribution.ts), and for a file both changed
// whether the run's part alone still comes off the file as it is now.
import { join } from 'node:path';
import type { DiffFile } from '../../../shared/domain';
import { attribute, combine, intervals, type Interval } from './attribution';
import type { CallTimeline } from './call-snapshots';
import { takeBackRunPart, type RunPart } from './reverse-patch';
import { changedPaths, readCurrent, readEntry } from './snapshot-files';

type Env = Record<string, string> | undefined;

export interface AttributedFiles {
  files: DiffFile[];
  /** Each path the run changed and the intervals it changed it in. */
  runParts: Map<string, Interval[]>;
}

export async function attributeFiles(input: {
  top: string;
  env: Env;
  start: string;
  end: string;
  timeline: CallTimeline;
  all: DiffFile[];
}): Promise<AttributedFiles> {
  const { top, env, all } = input;
  const spans = intervals(input.start, input.timeline, input.end);
  const { whose, runParts } = await attribute(spans, (from, to) =>
    changedPaths(top, from, to, env),
  );
  const files = await Promise.all(
    all.map(async (file): Promise<DiffFile> => {
      const attribution = combine(
        whose.get(file.path),
        file.oldPath === null ? undefined : whose.get(file.oldPath),
      );
      if (attribution !== 'both') return { ...file, attribution, runPart: null };
      const outcome = await takeBackFromCurrent(top, env, runParts.get(file.path) ?? [], file.path);
      const runPart = outcome.ok
        ? { reversible: true, reason: null }
        : { reversible: false, reason: outcome.reason };
      return { ...file, attribution, runPart };
    }),
  );
  return { files, runParts };
}

/** The run's part taken back from the file as it is now in the folder (nothing is written). */
export async function takeBackFromCurrent(top: string, env: Env, spans: Interval[], path: string) {
  if (spans.length === 0) {
    return { ok: false as const, reason: 'The run’s part of this file was not recorded.' };
  }
  const parts = await Promise.all(
    spans.map(async (span): Promise<RunPart> => {
      const [before, after] = await Promise.all([
        readEntry(top, span.from, path, env),
        readEntry(top, span.to, path, env),
      ]);
      return { before: before?.content ?? null, after: after?.content ?? null };
    }),
  );
  return takeBackRunPart(readCurrent(join(top, path)), parts);
}
