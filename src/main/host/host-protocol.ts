// The messages between the main process (or a test, or any launcher) and the engine host:
// start with a config, call a method → result, push events, stop cleanly. Structured-clone data only.
import type { PushEvent } from '../../shared/contract';
import type { LocalApiState } from '../../shared/domain';

/** What the host cannot find out for itself (a utility process has no `app`). */
export interface HostConfig {
  /** The data folder: SQLite, settings.json (through conf), the lock, worktrees. */
  dataDir: string;
  /** Who holds the data folder, for the lock message: 'desktop' or 'serve'. */
  holder: string;
  /** The environment Claude Code sessions inherit (PATH from the login shell, ANTHROPIC_*, …). */
  env: Record<string, string | undefined>;
  /** The packaged app's Claude Code outside app.asar, when settings name none. */
  defaultClaudeExecutable?: string;
  /** The keychain service name (tests use their own). */
  keychainService?: string;
  /** The built panel (out/renderer) the local API serves at /; null serves no panel. */
  staticDir: string | null;
  localApi: {
    /** The token every non-public route needs. */
    token: string;
    /** A port that wins over settings (serve's --port); otherwise settings.desktop.localApiPort. */
    port?: number;
    /** Serve: the API is the point, so settings cannot turn it off and a failure to bind is fatal. */
    required: boolean;
    /** How often the push stream says it is alive; 15 s unless set (tests set it shorter). */
    heartbeatMs?: number;
  };
  /** Shorter watch times for tests (serve's SWITCHBOARD_MONITOR_INTERVAL_MS, _MINUTE_MS, _PR_POLL_MS). */
  timings?: { monitorIntervalMs?: number; minuteMs?: number; pullRequestPollMs?: number };
}

export interface HostReadyInfo {
  pid: number;
  localApi: LocalApiState;
  /** What start-up recovery did: runs marked interrupted, leftover Claude Code processes ended. */
  recovered: { interrupted: number; reapedPids: number[] };
}

export type ToHost =
  | { type: 'start'; config: HostConfig }
  | { type: 'call'; id: number; method: string; input: unknown }
  | { type: 'stop' };

export type FromHost =
  | { type: 'ready'; info: HostReadyInfo }
  /** Start failed (another engine holds the folder, say); the host exits after sending it. */
  | { type: 'failed'; message: string }
  /**
   * The call's WireResult as JSON. The main process hands it to the panel without decoding it: a
   * 50,000-event transcript decoded and re-encoded there would stall the window's thread.
   */
  | { type: 'result'; id: number; json: string }
  | { type: 'event'; event: PushEvent }
  | { type: 'stopped' };

const TO_HOST_TYPES = new Set(['start', 'call', 'stop']);
const FROM_HOST_TYPES = new Set(['ready', 'failed', 'result', 'event', 'stopped']);

/** A message from the launcher, or null for anything else arriving on the channel. */
export function asToHost(value: unknown): ToHost | null {
  return hasType(value, TO_HOST_TYPES) ? (value as ToHost) : null;
}

/** A message from the host, or null for anything else arriving on the channel. */
export function asFromHost(value: unknown): FromHost | null {
  return hasType(value, FROM_HOST_TYPES) ? (value as FromHost) : null;
}

function hasType(value: unknown, types: Set<string>): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && types.has(type);
}
