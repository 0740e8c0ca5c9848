// A run in place, file by file with whose change each is: the run's start-to-end diff, each file
// attributed through the run's tool-call snapshots (attribution.ts), and for a file both changed
// whether the run's part alone still comes off the file as it is now.
import { createTwoFilesPatch } from 'diff';
import { join } from 'node:path';
import type { DiffFile } from '../../../shared/domain';
import { attribute, combine, intervals, type Interval } from './attribution';
import type { CallTimeline } from './call-snapshots';
import { MAX_PATCH_CHARS } from './git-diff';
import { takeBackRunPart, type ReverseOutcome, type RunPart } from './reverse-patch';
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
      const parts = await readParts(top, env, runParts.get(file.path) ?? [], file.path);
      const now =
        parts.length === 0
          ? NOT_RECORDED
          : takeBackRunPart(readCurrent(join(top, file.path)), parts);
      const atEnd = (await readEntry(top, input.end, file.path, env))?.content ?? null;
      const runPart = {
        reversible: now.ok,
        reason: now.ok ? null : now.reason,
        patch:
          parts.length === 0 ? null : runPatch(file.path, atEnd, takeBackRunPart(atEnd, parts)),
      };
      return { ...file, attribution, runPart };
    }),
  );
  return { files, runParts };
}

const NOT_RECORDED = {
  ok: false as const,
  reason: 'The run’s part of this file was not recorded.',
};

/**
 * The run's own part of a file both changed, as a patch: from the file as the run ended with the
 * run's part taken back, to the file as the run ended. null when that cannot be worked out.
 */
function runPatch(path: string, atEnd: Buffer | null, without: ReverseOutcome): string | null {
  if (!without.ok) return null;
  const before = without.content;
  if (isBinaryOrNull(before) || isBinaryOrNull(atEnd)) return null;
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${path}`,
    atEnd === null ? '/dev/null' : `b/${path}`,
    before?.toString('utf8') ?? '',
    atEnd?.toString('utf8') ?? '',
  );
  return patch.length > MAX_PATCH_CHARS ? null : patch;
}

function isBinaryOrNull(content: Buffer | null): boolean {
  return content !== null && content.subarray(0, 8000).includes(0);
}

async function readParts(top: string, env: Env, spans: Interval[], path: string) {
  return Promise.all(
    spans.map(async (span): Promise<RunPart> => {
      const [before, after] = await Promise.all([
        readEntry(top, span.from, path, env),
        readEntry(top, span.to, path, env),
      ]);
      return { before: before?.content ?? null, after: after?.content ?? null };
    }),
  );
}

/** The run's part taken back from the file as it is now in the folder (nothing is written). */
export async function takeBackFromCurrent(
  top: string,
  env: Env,
  spans: Interval[],
  path: string,
): Promise<ReverseOutcome> {
  if (spans.length === 0) return NOT_RECORDED;
  return takeBackRunPart(readCurrent(join(top, path)), await readParts(top, env, spans, path));
}
