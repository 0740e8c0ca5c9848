// The main process's side of the engine host: forks it, relays calls and push events, restarts it
// with backoff when it dies (pending calls fail at once, never hang) and stops it with a deadline.
// No electron import: the fork is handed in (utilityProcess in the app, child_process in tests).
import type { Transport } from '../../shared/client';
import type { PushEvent } from '../../shared/contract';
import type { EngineStatus } from '../../shared/domain';
import type { WireResult } from '../../shared/errors';
import {
  asFromHost,
  type FromHost,
  type HostConfig,
  type HostReadyInfo,
  type ToHost,
} from '../host/host-protocol';

/** A started host process, whatever launched it. */
export interface HostChild {
  readonly pid: number | undefined;
  postMessage(message: ToHost): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface SupervisorOptions {
  fork: () => HostChild;
  config: HostConfig;
  /** Waits before restart n (the last one repeats). */
  backoffMs?: readonly number[];
  /** A host that has not said ready by then is killed (and counts as a crash). */
  startTimeoutMs?: number;
  /** Running this long forgives earlier crashes: the next restart waits the shortest time again. */
  stableAfterMs?: number;
  /** Crashes in a row before giving up (the banner then asks to reopen the app). */
  maxRestarts?: number;
}

const DEFAULT_BACKOFF_MS = [500, 1_000, 2_000, 5_000, 10_000, 30_000];

export class EngineHostSupervisor implements Transport {
  private child: HostChild | null = null;
  private status: EngineStatus = { state: 'stopped', message: null };
  private readonly pending = new Map<number, (json: string) => void>();
  private readonly listeners = new Set<(event: PushEvent) => void>();
  private nextCallId = 1;
  private crashes = 0;
  private everReady = false;
  private lastFailure: string | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private startTimer: NodeJS.Timeout | null = null;
  private stableTimer: NodeJS.Timeout | null = null;
  private firstStart: { resolve(info: HostReadyInfo): void; reject(error: Error): void } | null =
    null;
  private exited: (() => void) | null = null;
  private ready: HostReadyInfo | null = null;
  private readonly backoffMs: readonly number[];

  constructor(private readonly options: SupervisorOptions) {
    this.backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  }

  /** The first start: resolves when the host is ready, rejects when it cannot start at all. */
  start(): Promise<HostReadyInfo> {
    return new Promise((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.launch('starting', null);
    });
  }

  current(): EngineStatus {
    return this.status;
  }

  /** What the host said when it last became ready (its pid, the local API, what recovery did). */
  lastReady(): HostReadyInfo | null {
    return this.ready;
  }

  /** Any method name: the host validates it like every other input (dispatch). */
  async call(method: string, input: unknown): Promise<WireResult<unknown>> {
    return JSON.parse(await this.relay(method, input)) as WireResult<unknown>;
  }

  /** The call's WireResult as JSON, not decoded here: what the panel's calls go through. */
  relay(method: string, input: unknown): Promise<string> {
    const child = this.child;
    if (!child || this.status.state !== 'running')
      return Promise.resolve(JSON.stringify(this.unavailable()));
    const id = this.nextCallId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        child.postMessage({ type: 'call', id, method, input });
      } catch (error) {
        this.pending.delete(id);
        const detail = error instanceof Error ? error.message : String(error);
        resolve(JSON.stringify(this.unavailable(detail)));
      }
    });
  }

  subscribe(listener: (event: PushEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the host to stop cleanly; kills it when the deadline passes first. */
  async stop(deadlineMs: number): Promise<void> {
    this.clearTimers();
    const child = this.child;
    this.setStatus({ state: 'stopped', message: 'Switchboard is quitting.' });
    if (!child) return;
    const gone = new Promise<void>((resolve) => (this.exited = resolve));
    try {
      child.postMessage({ type: 'stop' });
    } catch {
      child.kill();
    }
    const inTime = await Promise.race([gone.then(() => true), delay(deadlineMs).then(() => false)]);
    if (inTime) return;
    console.warn(`[switchboard] the engine did not stop within ${deadlineMs} ms; killing it`);
    child.kill();
    await Promise.race([gone, delay(2_000)]);
  }

  private launch(state: EngineStatus['state'], message: string | null): void {
    this.restartTimer = null;
    this.lastFailure = null;
    this.setStatus({ state, message });
    let child: HostChild;
    try {
      child = this.options.fork();
    } catch (error) {
      this.onExit(null, error instanceof Error ? error.message : String(error));
      return;
    }
    this.child = child;
    child.onMessage((raw) => {
      const message = asFromHost(raw);
      if (message && this.child === child) this.onMessage(message);
    });
    child.onExit((code) => {
      if (this.child === child) this.onExit(code, null);
    });
    this.startTimer = setTimeout(() => {
      this.lastFailure = `the engine did not start within ${this.options.startTimeoutMs ?? 60_000} ms`;
      child.kill();
    }, this.options.startTimeoutMs ?? 60_000);
    child.postMessage({ type: 'start', config: this.options.config });
  }

  private onMessage(message: FromHost): void {
    if (message.type === 'result') {
      const resolve = this.pending.get(message.id);
      this.pending.delete(message.id);
      resolve?.(message.json);
    } else if (message.type === 'event') {
      this.emit(message.event);
    } else if (message.type === 'ready') {
      if (this.startTimer) clearTimeout(this.startTimer);
      this.everReady = true;
      this.ready = message.info;
      this.setStatus({ state: 'running', message: null });
      this.stableTimer = setTimeout(() => (this.crashes = 0), this.options.stableAfterMs ?? 60_000);
      this.firstStart?.resolve(message.info);
      this.firstStart = null;
    } else if (message.type === 'failed') {
      this.lastFailure = message.message;
    }
  }

  private onExit(code: number | null, forkError: string | null): void {
    this.child = null;
    this.clearTimers();
    const why =
      forkError ?? this.lastFailure ?? `it exited${code === null ? '' : ` with code ${code}`}`;
    this.failPending(`The engine stopped (${why}).`);
    const exited = this.exited;
    this.exited = null;
    if (exited || this.status.state === 'stopped') {
      exited?.();
      return;
    }
    if (!this.everReady && this.firstStart) {
      this.firstStart.reject(new Error(why));
      this.firstStart = null;
      this.setStatus({ state: 'failed', message: why });
      return;
    }
    this.crashes += 1;
    const maxRestarts = this.options.maxRestarts ?? 8;
    if (this.crashes > maxRestarts) {
      this.setStatus({
        state: 'failed',
        message: `The engine stopped ${this.crashes} times in a row (${why}). Quit and reopen Switchboard.`,
      });
      return;
    }
    const wait = this.backoffMs[Math.min(this.crashes - 1, this.backoffMs.length - 1)] ?? 1_000;
    const restarting = `The engine stopped (${why}). Restarting…`;
    this.setStatus({ state: 'restarting', message: restarting });
    this.restartTimer = setTimeout(() => this.launch('restarting', restarting), wait);
  }

  private failPending(message: string): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    const failed = JSON.stringify({ ok: false, error: { code: 'unavailable', message } });
    for (const resolve of calls) resolve(failed);
  }

  private unavailable(detail?: string): WireResult<unknown> {
    const message =
      detail ?? this.status.message ?? 'The engine is not running. Try again in a moment.';
    return { ok: false, error: { code: 'unavailable', message } };
  }

  private setStatus(status: EngineStatus): void {
    if (status.state === this.status.state && status.message === this.status.message) return;
    this.status = status;
    this.emit({ type: 'engine.status', payload: status });
  }

  private emit(event: PushEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.error(`[switchboard] a ${event.type} listener failed:`, error);
      }
    }
  }

  private clearTimers(): void {
    for (const timer of [this.restartTimer, this.startTimer, this.stableTimer])
      if (timer) clearTimeout(timer);
    this.restartTimer = this.startTimer = this.stableTimer = null;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
