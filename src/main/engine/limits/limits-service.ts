// Plan limits end to end: reads rate_limit_event messages into the meter, parks runs a window
// refused, decides which queued runs wait for a window (all while it is used up; scheduled and
// triggered ones past the threshold), and lets the person start a held run anyway.
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk';
import type { PlanLimits, RunStatus, RunTrigger, Settings } from '../../../shared/domain';
import { triggerBudgetHold } from '../costs/trigger-budget';
import type { EventBus } from '../event-bus';
import type { HeldBy } from '../runs/run-queue';
import type { RunRecorder } from '../runs/run-recorder';
import type { SessionObserver } from '../runs/session-runner';
import type { RunRecord, Store } from '../store';
import { PlanLimitsState, type RateLimitInfo } from './plan-limits';
import { RunParking } from './run-parking';

/** Kinds nobody is sitting in front of; the threshold holds only these. */
const UNATTENDED: readonly RunTrigger['kind'][] = ['cron', 'watch', 'webhook'];
/** A refusal without a reset time is tried again after this long. */
const UNKNOWN_RESET_MS = 15 * 60 * 1000;
const WINDOW_NAMES: Record<string, string> = {
  five_hour: '5-hour',
  seven_day: 'weekly',
  seven_day_opus: 'weekly Opus',
  seven_day_sonnet: 'weekly Sonnet',
};

interface LimitsServiceDeps {
  dataDir: string;
  store: Store;
  recorder: RunRecorder;
  bus: EventBus;
  clock: () => number;
  settings: () => Settings;
  requeue: (runId: string) => void;
  /** Looks at the queue again (a window reset). */
  pump: () => void;
}

export class LimitsService implements SessionObserver {
  readonly state: PlanLimitsState;
  readonly parking: RunParking;
  /** Runs whose session saw a window refuse a request. */
  private readonly refusedRuns = new Set<string>();
  private resetTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: LimitsServiceDeps) {
    this.state = new PlanLimitsState(deps.dataDir, deps.clock);
    this.parking = new RunParking({
      store: deps.store,
      recorder: deps.recorder,
      clock: deps.clock,
      requeue: deps.requeue,
    });
    this.parking.restore();
    this.armReset();
  }

  get(): PlanLimits {
    return this.state.snapshot();
  }

  message(runId: string, message: SDKMessage): void {
    if (message.type !== 'rate_limit_event') return;
    const info = message.rate_limit_info as RateLimitInfo;
    if (info.status === 'rejected') this.refusedRuns.add(runId);
    const window = info.rateLimitType;
    if (window !== undefined && this.deps.store.runs.get(runId)?.planWindow !== window) {
      this.deps.recorder.update(runId, { planWindow: window });
    }
    if (this.state.observe(info)) this.changed();
  }

  refused(runId: string): boolean {
    return this.refusedRuns.has(runId);
  }

  ended(runId: string, final: { status: RunStatus; error: string | null }): boolean {
    const refused = this.refusedRuns.delete(runId);
    if (!refused || final.status !== 'failed') return false;
    const until = this.state.exhaustedUntil() ?? this.deps.clock() + UNKNOWN_RESET_MS;
    const window = this.state.snapshot().exhausted?.window ?? 'five_hour';
    this.parking.park(
      runId,
      until,
      `Parked: the plan's ${windowName(window)} limit is used up. It carries on by itself at ${clockTime(until)}.`,
    );
    this.deps.pump();
    return true;
  }

  /** The queue asks this for each run: what holds it, given the budget's reason. */
  holdOf(run: RunRecord, budget: string | null): HeldBy | null {
    if (run.startedAnyway) return null;
    if (budget !== null) return { kind: 'budget', reason: budget };
    const ownBudget = triggerBudgetHold(this.deps.store, run, this.deps.clock());
    if (ownBudget !== null) return { kind: 'budget', reason: ownBudget };
    const until = this.state.exhaustedUntil();
    if (until !== null) {
      const window = windowName(this.state.snapshot().exhausted?.window ?? 'five_hour');
      return {
        kind: 'plan',
        reason: `The plan's ${window} limit is used up until ${clockTime(until)}; this run starts then (or run it anyway).`,
      };
    }
    const threshold = this.deps.settings().limits.holdTriggeredAtPercent;
    const used = this.state.fiveHourPercent();
    if (UNATTENDED.includes(run.trigger.kind) && used >= threshold) {
      return {
        kind: 'threshold',
        reason: `The 5-hour window is ${Math.round(used)} % used (holding scheduled and triggered runs from ${threshold} %), so your own work keeps room.`,
      };
    }
    return null;
  }

  /** After each pump: a new kind of hold is announced once (limits.updated carries it). */
  noteHold(hold: HeldBy | null): void {
    if (this.state.setHold(hold)) this.changed();
  }

  /**
   * "Run anyway": the run (or the run continuing it) ignores holds and budgets. Kept with the run,
   * so a restart of the engine does not hold back again what the person let through.
   */
  allow(runId: string): void {
    this.deps.recorder.update(runId, { startedAnyway: true });
  }

  /** Whether budgets should leave this run alone (it was started anyway). */
  isAllowed(runId: string): boolean {
    return this.deps.store.runs.get(runId)?.startedAnyway === true;
  }

  /** The prompt a run released from parking continues its session with. */
  continuationFor(run: RunRecord): string | undefined {
    const prompt = this.parking.takeContinuation(run.id);
    return run.sessionStarted ? prompt : undefined;
  }

  stop(): void {
    clearTimeout(this.resetTimer);
    this.parking.stop();
  }

  private changed(): void {
    this.deps.bus.emit('limits.updated', this.state.snapshot());
    this.armReset();
  }

  /** At the next reset the meter and the queue are looked at again; nothing polls the API. */
  private armReset(): void {
    clearTimeout(this.resetTimer);
    const snapshot = this.state.snapshot();
    const times = [snapshot.exhausted?.until, snapshot.fiveHour?.resetsAt]
      .filter((at): at is number => typeof at === 'number' && at > this.deps.clock())
      .sort((a, b) => a - b);
    const next = times[0];
    if (next === undefined) return;
    // setTimeout holds at most ~24.8 days; later resets are re-armed by the next event anyway.
    const wait = Math.min(next - this.deps.clock() + 1_000, 2 ** 31 - 1);
    this.resetTimer = setTimeout(() => {
      this.deps.bus.emit('limits.updated', this.state.snapshot());
      this.deps.pump();
      this.armReset();
    }, wait);
    this.resetTimer.unref();
  }
}

export function windowName(window: string): string {
  return WINDOW_NAMES[window] ?? window.replaceAll('_', ' ');
}

function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}
