// Records what a run's own tool calls changed, shell commands included: a snapshot of the folder
// just before each file-changing call runs and just after it returns (PreToolUse / PostToolUse
// hooks), chained as commits under one ref. Between two snapshots either some call of the run was
// running (its changes are the run's) or none was (whatever changed is someone else's). A call
// that waits for the person's approval is paused meanwhile, so edits made while it waits are not
// the run's. The timeline is kept in the run's state folder as calls.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One snapshot of the timeline and how many of the run's calls were running right after it. */
export interface CallStep {
  commit: string;
  open: number;
}

export interface CallTimeline {
  steps: CallStep[];
  /** A snapshot failed: the timeline cannot tell whose each change is. */
  broken: boolean;
}

/** Takes one snapshot whose parent is `parent` (the previous one, or the run's start). */
export type TakeSnapshot = (parent: string) => Promise<string>;

const FILE = 'calls.json';

export function readTimeline(stateDir: string): CallTimeline | null {
  try {
    const parsed = JSON.parse(readFileSync(join(stateDir, FILE), 'utf8')) as Partial<CallTimeline>;
    if (!Array.isArray(parsed.steps)) return null;
    return { steps: parsed.steps, broken: parsed.broken === true };
  } catch {
    return null;
  }
}

export class CallSnapshots {
  private readonly running = new Set<string>();
  /** Calls held for the person's approval: they resume when it is given. */
  private readonly paused = new Set<string>();
  private readonly timeline: CallTimeline = { steps: [], broken: false };
  /** Snapshots chain (and share one index), so they are taken one at a time. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly stateDir: string,
    private readonly startCommit: string,
    private readonly take: TakeSnapshot,
  ) {
    this.save();
  }

  /** Before a call runs (PreToolUse), and again when its approval is given. */
  begin(callId: string): Promise<void> {
    if (this.running.has(callId)) return this.queue;
    this.paused.delete(callId);
    return this.step(() => this.running.add(callId));
  }

  /** After a call returned or failed (PostToolUse / PostToolUseFailure). */
  finish(callId: string): Promise<void> {
    this.paused.delete(callId);
    if (!this.running.has(callId)) return this.queue;
    return this.step(() => this.running.delete(callId));
  }

  /** The call waits for the person's approval: what changes meanwhile is not the run's. */
  pause(callId: string): Promise<void> {
    if (!this.running.has(callId)) return this.queue;
    this.paused.add(callId);
    return this.step(() => this.running.delete(callId));
  }

  /** The person allowed a paused call: it runs from here. */
  resume(callId: string): Promise<void> {
    if (!this.paused.has(callId)) return this.queue;
    return this.begin(callId);
  }

  /** Snapshots the folder, then applies `change` to the set of running calls. */
  private step(change: () => void): Promise<void> {
    this.queue = this.queue.then(async () => {
      const previous = this.timeline.steps.at(-1)?.commit ?? this.startCommit;
      try {
        const commit = await this.take(previous);
        change();
        this.timeline.steps.push({ commit, open: this.running.size });
      } catch (error) {
        change();
        this.timeline.broken = true;
        console.warn('[review] could not snapshot around a tool call:', error);
      }
      this.save();
    });
    return this.queue;
  }

  private save(): void {
    writeFileSync(join(this.stateDir, FILE), JSON.stringify(this.timeline), { mode: 0o600 });
  }
}
