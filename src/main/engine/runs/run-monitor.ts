// Watches the runs that hold a session: flags one that shows no sign of life (no transcript event,
// no CPU used by the processes Claude Code started) for settings.runs.stallMinutes while not
// waiting for a person (and stops it if the settings say so); frees the slot of a run that waited
// for a person longer than settings.runs.waitingSlotMinutes (its session ends, the run waits on and
// resumes when they decide); denies requests past their task's approval timeout. Each CPU reading
// also lowers the sessions that Claude Code's commands started since the last one, and so does a
// look a second after a command may have started.
import type { RunEvent, Settings } from '../../../shared/domain';
import { cpuUsedSince, type TreeCpu, type TreeCpuReader } from '../lifecycle/tree-cpu';
import type { ApprovalBroker } from '../approvals/approval-broker';
import type { EventBus } from '../event-bus';
import type { RunRecorder } from './run-recorder';
import type { RunService } from './run-service';
import type { Store } from '../store';

export interface RunMonitorDeps {
  store: Store;
  bus: EventBus;
  recorder: RunRecorder;
  runs: Pick<RunService, 'hasSession' | 'stop'>;
  approvals: Pick<ApprovalBroker, 'hasLiveWaiter' | 'expireOverdue'>;
  settings: () => Settings;
  clock: () => number;
  intervalMs?: number;
  /** How long one of the settings' minutes lasts: 60 000 ms; tests make it seconds. */
  minuteMs?: number;
  /** Reads the CPU of Claude Code's process trees; none: transcript events are all that count. */
  treeCpu?: TreeCpuReader;
  /**
   * Lowers the CPU share of the session a process of a tree leads (the Bash tool starts each
   * command in a session of its own), under the "lower priority" setting; see lowerAutogroup.
   */
  lowerSession?: (pid: number) => Promise<unknown>;
}

/**
 * A run's tools count as busy when they used at least this share of one core between two checks:
 * a `sleep` or a shell waiting on one uses none, a test suite or a build far more.
 */
export const CPU_SIGN_SHARE = 0.01;

/** When to look for a starting command's processes: soon, and again once it is under way. */
const COMMAND_START_LOOKS_MS = [1_000, 5_000];

/** A Bash call (allowed up front) or an allowed request: a command may be starting. */
function startsCommand(event: RunEvent): boolean {
  return (
    (event.type === 'tool_use' && event.name === 'Bash') ||
    (event.type === 'approval_decided' && event.decision === 'allow')
  );
}

interface CpuReading {
  /** Claude Code's pid the reading was of: a new process starts a new count. */
  root: number;
  at: number;
  cpu: TreeCpu;
}

export class RunMonitor {
  /** When each run last showed a sign of life (an event in its transcript, CPU used). */
  private readonly lastSign = new Map<string, number>();
  /** The last CPU reading of each running run's process tree. */
  private readonly lastCpu = new Map<string, CpuReading>();
  private checking = false;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Set while the monitor writes its own events, which are no sign of the run's life. */
  private writing = false;
  /** Looks at a run's processes after a command starts (lowerSessionsSoon). */
  private readonly looks = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: RunMonitorDeps) {}

  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((event) => {
      if (event.type !== 'run.event' || this.writing) return;
      this.signOfLife(event.payload.runId);
      if (startsCommand(event.payload)) this.lowerSessionsSoon(event.payload.runId);
    });
    this.timer = setInterval(() => void this.check(), this.deps.intervalMs ?? 15_000);
    this.timer.unref();
  }

  stop(): void {
    // A check still reading CPU must not touch the store the engine is about to close.
    this.stopped = true;
    this.unsubscribe?.();
    clearInterval(this.timer);
    for (const look of this.looks) clearTimeout(look);
    this.looks.clear();
  }

  /** Reads the CPU of running runs, then judges every run; a check still going skips the next. */
  async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      await this.readCpu();
      if (!this.stopped) this.judge();
    } finally {
      this.checking = false;
    }
  }

  /**
   * A command about to start gets its session lowered within a second or so, not at the next
   * check: a build the agent starts must not take the window's share meanwhile. Looked at twice,
   * for commands that take a moment to start their own processes.
   */
  private lowerSessionsSoon(runId: string): void {
    if (!this.deps.lowerSession || !this.deps.settings().performance.lowerClaudePriority) return;
    for (const delay of COMMAND_START_LOOKS_MS) {
      const timer = setTimeout(() => {
        this.looks.delete(timer);
        void this.lowerSessionsOf(runId);
      }, delay);
      timer.unref();
      this.looks.add(timer);
    }
  }

  private async lowerSessionsOf(runId: string): Promise<void> {
    const { store, treeCpu, lowerSession } = this.deps;
    if (this.stopped || !treeCpu || !lowerSession) return;
    const pid = store.runs.get(runId)?.pid;
    if (pid === null || pid === undefined) return;
    try {
      const tree = (await treeCpu([pid])).get(pid);
      for (const member of tree?.keys() ?? []) void lowerSession(member);
    } catch {
      // The next look, or the next check, tries again.
    }
  }

  private signOfLife(runId: string): void {
    this.lastSign.set(runId, this.deps.clock());
    const run = this.deps.store.runs.get(runId);
    if (run?.stalledAt !== null && run?.stalledAt !== undefined) {
      this.deps.recorder.update(run.id, { stalledAt: null });
    }
  }

  /** One reading for all running runs' trees; CPU used since the last one is a sign of life. */
  private async readCpu(): Promise<void> {
    const { store, runs, treeCpu, clock } = this.deps;
    if (!treeCpu) return;
    const running = store.runs
      .withStatus(['running'])
      .flatMap(({ id, pid }) => (pid !== null && runs.hasSession(id) ? [{ id, pid }] : []));
    if (running.length === 0) return;
    let readings: Map<number, TreeCpu>;
    try {
      readings = await treeCpu(running.map((run) => run.pid));
    } catch {
      return; // No reading this time: transcript events still count.
    }
    if (this.stopped) return;
    const now = clock();
    const lowerSession = this.deps.settings().performance.lowerClaudePriority
      ? this.deps.lowerSession
      : undefined;
    for (const { id, pid } of running) {
      const cpu = readings.get(pid) ?? new Map<number, number>();
      if (lowerSession) for (const member of cpu.keys()) void lowerSession(member);
      const last = this.lastCpu.get(id);
      if (last?.root === pid) {
        const used = cpuUsedSince(last.cpu, cpu);
        if (used > 0 && used >= (now - last.at) * CPU_SIGN_SHARE) this.signOfLife(id);
      }
      this.lastCpu.set(id, { root: pid, at: now, cpu });
    }
  }

  private judge(): void {
    const { store, runs, approvals, clock } = this.deps;
    const { stallMinutes, stallAction, waitingSlotMinutes } = this.deps.settings().runs;
    const now = clock();
    const minuteMs = this.deps.minuteMs ?? 60_000;
    approvals.expireOverdue();
    for (const run of store.runs.withStatus(['running', 'waiting'])) {
      if (!runs.hasSession(run.id)) continue;
      const since = this.lastSign.get(run.id) ?? run.startedAt ?? now;
      const quietMs = now - since;
      if (run.status === 'waiting' && approvals.hasLiveWaiter(run.id)) {
        if (waitingSlotMinutes > 0 && quietMs >= waitingSlotMinutes * minuteMs) {
          runs.stop(run.id, 'park');
        }
        continue;
      }
      if (run.status !== 'running' || stallMinutes <= 0 || quietMs < stallMinutes * minuteMs)
        continue;
      if (run.stalledAt === null) {
        this.writing = true;
        try {
          const minutes = Math.round(quietMs / minuteMs);
          this.deps.recorder.event(run.id, { type: 'stalled', minutes });
          this.deps.recorder.update(run.id, { stalledAt: since });
        } finally {
          this.writing = false;
        }
      }
      if (stallAction === 'stop') runs.stop(run.id, 'stall');
    }
    for (const runId of this.lastSign.keys())
      if (!runs.hasSession(runId)) this.lastSign.delete(runId);
    for (const runId of this.lastCpu.keys())
      if (!runs.hasSession(runId)) this.lastCpu.delete(runId);
  }
}
