// The plan meter: the 5-hour and weekly windows Claude Code reports in `rate_limit_event`
// messages (subscription logins), which window is used up and until when. Kept in a small JSON
// file so the meter and a running exhaustion survive a restart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanLimits, PlanWindowReading, RunHold } from '../../../shared/domain';

/** What Claude Code puts in a rate_limit_event (the SDK type plus its `unifiedWindows`). */
export interface RateLimitInfo {
  status: PlanWindowReading['status'];
  /** Epoch seconds. */
  resetsAt?: number;
  rateLimitType?: string;
  /** 0–1. */
  utilization?: number;
  unifiedWindows?: Record<
    string,
    { utilization?: number; resetsAt?: number; status?: PlanWindowReading['status'] }
  >;
}

const FILE_NAME = 'plan-limits.json';

interface Stored {
  fiveHour: PlanWindowReading | null;
  sevenDay: PlanWindowReading | null;
  exhausted: PlanLimits['exhausted'];
  updatedAt: number | null;
}

const EMPTY: Stored = { fiveHour: null, sevenDay: null, exhausted: null, updatedAt: null };

export class PlanLimitsState {
  private stored: Stored;
  private hold: RunHold | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly clock: () => number,
  ) {
    this.stored = readStored(join(dataDir, FILE_NAME));
  }

  /** Takes one rate_limit_event's info; true when the meter changed. */
  observe(info: RateLimitInfo): boolean {
    const now = this.clock();
    const next: Stored = { ...this.stored, updatedAt: now };
    const windows = info.unifiedWindows ?? {};
    const headline = info.rateLimitType;
    const reading = (name: string): PlanWindowReading | null => {
      const window = windows[name];
      if (window) {
        return {
          utilization: clamp(window.utilization ?? (window.status === 'rejected' ? 1 : 0)),
          resetsAt: window.resetsAt === undefined ? null : window.resetsAt * 1000,
          status: window.status ?? 'allowed',
        };
      }
      if (headline !== name) return null;
      return {
        utilization: clamp(info.utilization ?? (info.status === 'rejected' ? 1 : 0)),
        resetsAt: info.resetsAt === undefined ? null : info.resetsAt * 1000,
        status: info.status,
      };
    };
    next.fiveHour = reading('five_hour') ?? this.stored.fiveHour;
    next.sevenDay = reading('seven_day') ?? this.stored.sevenDay;
    if (info.status === 'rejected' && info.resetsAt !== undefined) {
      next.exhausted = { window: headline ?? 'five_hour', until: info.resetsAt * 1000 };
    } else if (info.status !== 'rejected') {
      next.exhausted = null;
    }
    const changed = JSON.stringify(next) !== JSON.stringify({ ...this.stored, updatedAt: now });
    this.stored = next;
    this.save();
    return changed;
  }

  /** When a used-up window lets requests through again, or null while none is used up. */
  exhaustedUntil(): number | null {
    const exhausted = this.stored.exhausted;
    return exhausted !== null && exhausted.until > this.clock() ? exhausted.until : null;
  }

  /** Share (0–100) of the 5-hour window used, counting a passed reset as empty. */
  fiveHourPercent(): number {
    const window = current(this.stored.fiveHour, this.clock());
    return window === null ? 0 : window.utilization * 100;
  }

  /** Records what holds runs back now; true when that changed (a new hold is announced once). */
  setHold(hold: Omit<RunHold, 'since'> | null): boolean {
    if (hold === null) {
      const changed = this.hold !== null;
      this.hold = null;
      return changed;
    }
    if (this.hold?.kind === hold.kind) {
      this.hold = { ...this.hold, reason: hold.reason };
      return false;
    }
    this.hold = { ...hold, since: this.clock() };
    return true;
  }

  snapshot(): PlanLimits {
    const now = this.clock();
    const until = this.exhaustedUntil();
    return {
      available: this.stored.fiveHour !== null || this.stored.sevenDay !== null,
      fiveHour: current(this.stored.fiveHour, now),
      sevenDay: current(this.stored.sevenDay, now),
      exhausted: until === null || this.stored.exhausted === null ? null : this.stored.exhausted,
      hold: this.hold,
      updatedAt: this.stored.updatedAt,
    };
  }

  private save(): void {
    try {
      writeFileSync(join(this.dataDir, FILE_NAME), JSON.stringify(this.stored), { mode: 0o600 });
    } catch (error) {
      console.error('[switchboard] could not save the plan meter:', error);
    }
  }
}

/** A reading whose reset time has passed describes an empty window. */
function current(reading: PlanWindowReading | null, now: number): PlanWindowReading | null {
  if (reading === null) return null;
  if (reading.resetsAt !== null && reading.resetsAt <= now) {
    return { utilization: 0, resetsAt: null, status: 'allowed' };
  }
  return reading;
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function readStored(path: string): Stored {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Stored>;
    return { ...EMPTY, ...parsed };
  } catch {
    return { ...EMPTY };
  }
}
