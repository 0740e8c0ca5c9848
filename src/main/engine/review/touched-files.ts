// Keeps what a run's file tools are about to change: a PreToolUse hook notes every path that
// Write, Edit or NotebookEdit touches and, outside git, saves the file as it was before the run
// first touched it, so the run's diff and "discard" work without a repository. The same hook
// holds each tool call that may change files until the run's start is recorded.
import type { HookCallbackMatcher } from '@anthropic-ai/claude-agent-sdk';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { CallSnapshots } from './call-snapshots';
import { privateCopy } from '../store/private-files';
import { FILE_CHANGING_MATCHER, FILE_TOOLS } from './file-changing-tools';

/** Originals above this size are not kept; the file is listed, not restorable. */
export const MAX_SAVED_BYTES = 20 * 1024 * 1024;

export interface TouchedFile {
  path: string;
  /** The saved original under `originals/` (files source); null: the file did not exist. */
  original: string | null;
  /** Outside git: true when the original was too big to save. */
  notSaved?: boolean;
}

export interface TouchedManifest {
  files: TouchedFile[];
}

export function readManifest(stateDir: string): TouchedManifest {
  try {
    const parsed = JSON.parse(readFileSync(join(stateDir, 'touched.json'), 'utf8')) as unknown;
    const files = (parsed as { files?: unknown }).files;
    return { files: Array.isArray(files) ? (files as TouchedFile[]) : [] };
  } catch {
    return { files: [] };
  }
}

/** The path a file tool's input names, if any. */
export function toolFilePath(input: unknown, cwd: string): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const record = input as Record<string, unknown>;
  const raw = record.file_path ?? record.notebook_path;
  if (typeof raw !== 'string' || raw === '') return null;
  return isAbsolute(raw) ? resolve(raw) : resolve(cwd, raw);
}

/** How long a tool call may wait for the run's start to be recorded (a big first snapshot). */
export const START_WAIT_SECONDS = 600;
const FILE_TOOL_NAMES = new Set<string>(FILE_TOOLS);

/** The hook events the review listens to. */
export type ReviewHookEvent = 'PreToolUse' | 'PostToolUse' | 'PostToolUseFailure';
export type ReviewHooks = Partial<Record<ReviewHookEvent, HookCallbackMatcher[]>>;

/**
 * The hooks to add to a session whose start is still being recorded (`starting`): every call of
 * a tool that may change files waits for it, so nothing changes the folder before its snapshot
 * (read-only tools do not go through the hooks at all); file tools then note their path, and the
 * folder is snapshotted before and after each call. A start that could not be recorded (null)
 * holds nothing back.
 */
export function touchedFilesHooks(
  starting: Promise<TouchedFiles | null>,
  cwd: string,
): ReviewHooks {
  const after = (event: 'PostToolUse' | 'PostToolUseFailure'): HookCallbackMatcher[] => [
    {
      matcher: FILE_CHANGING_MATCHER,
      timeout: START_WAIT_SECONDS,
      hooks: [
        async (input) => {
          const touched = await starting;
          if (input.hook_event_name === event) await touched?.calls?.finish(input.tool_use_id);
          return {};
        },
      ],
    },
  ];
  return {
    PreToolUse: [
      {
        matcher: FILE_CHANGING_MATCHER,
        timeout: START_WAIT_SECONDS,
        hooks: [
          async (input) => {
            const touched = await starting;
            if (input.hook_event_name !== 'PreToolUse') return {};
            if (FILE_TOOL_NAMES.has(input.tool_name)) {
              const path = toolFilePath(input.tool_input, input.cwd || cwd);
              if (path !== null) touched?.note(path);
            }
            await touched?.calls?.begin(input.tool_use_id);
            return {};
          },
        ],
      },
    ],
    PostToolUse: after('PostToolUse'),
    PostToolUseFailure: after('PostToolUseFailure'),
  };
}

export class TouchedFiles {
  private readonly manifest: TouchedManifest;
  private readonly known = new Set<string>();

  /**
   * saveOriginals: copy each file before its first change (runs outside git without a shadow
   * repository). calls: the snapshots around each tool call, where the folder has them.
   */
  constructor(
    private readonly stateDir: string,
    private readonly saveOriginals: boolean,
    readonly calls: CallSnapshots | null = null,
  ) {
    mkdirSync(join(stateDir, 'originals'), { recursive: true, mode: 0o700 });
    this.manifest = readManifest(stateDir);
    for (const file of this.manifest.files) this.known.add(file.path);
  }

  note(path: string): void {
    if (this.known.has(path)) return;
    this.known.add(path);
    const entry: TouchedFile = { path, original: null };
    if (this.saveOriginals && existsSync(path)) {
      const size = statSync(path).size;
      if (size > MAX_SAVED_BYTES) {
        entry.notSaved = true;
      } else {
        entry.original = `${this.manifest.files.length}`;
        privateCopy(path, join(this.stateDir, 'originals', entry.original));
      }
    }
    this.manifest.files.push(entry);
    writeFileSync(join(this.stateDir, 'touched.json'), JSON.stringify(this.manifest), {
      mode: 0o600,
    });
  }
}
