// The contract's transport over the local HTTP API: POST /rpc/<method> for calls (the sign-in cookie
// rides along same-origin) and one shared EventSource on /events for pushes, reconnecting by itself
// and replaced when it goes silent past its heartbeat (shared/event-stream).
import type { MethodName, PushEvent } from '../../../shared/contract';
import { PUSH_EVENT_NAMES } from '../../../shared/push-event-names';
import { isWireError, type WireResult } from '../../../shared/errors';
import {
  DEFAULT_HEARTBEAT_MS,
  HEARTBEAT_EVENT,
  MISSED_HEARTBEATS,
  heartbeatEvery,
} from '../../../shared/event-stream';
import { isRecord } from '../../../shared/typing';
import type { ConnectionState, ReconnectingTransport } from './connection';

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 15_000;

export function createHttpTransport(baseUrl = ''): ReconnectingTransport {
  const listeners = new Set<(event: PushEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let source: EventSource | null = null;
  let state: ConnectionState = 'connecting';
  let wasOpen = false;
  /** A call answered before the stream first opened may already be out of date when it does. */
  let calledBeforeOpen = false;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the stream last said anything, and how often its heartbeat says it will. */
  let heardAt = 0;
  let heartbeatMs = DEFAULT_HEARTBEAT_MS;
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const deliver = (name: PushEvent['type'], message: MessageEvent<unknown>) => {
    heardAt = Date.now();
    if (typeof message.data !== 'string') return;
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      return;
    }
    // The server writes each push as `event: <name>` with the payload the contract names.
    const event = { type: name, payload } as PushEvent;
    for (const listener of listeners) listener(event);
  };

  /** A stream open but silent for several heartbeats is dead, whatever EventSource thinks. */
  const watch = () => {
    clearTimeout(watchdog);
    const limit = heartbeatMs * MISSED_HEARTBEATS;
    const silentFor = Date.now() - heardAt;
    if (silentFor < limit) {
      watchdog = setTimeout(watch, limit - silentFor);
      return;
    }
    watchdog = undefined;
    source?.close();
    source = null;
    setState('reconnecting');
    open();
  };

  const open = () => {
    retryTimer = undefined;
    const next = new EventSource(`${baseUrl}/events`, { withCredentials: true });
    source = next;
    for (const name of PUSH_EVENT_NAMES) {
      next.addEventListener(name, (message: MessageEvent<unknown>) => deliver(name, message));
    }
    next.addEventListener(HEARTBEAT_EVENT, (message: MessageEvent<unknown>) => {
      heardAt = Date.now();
      const announced = heartbeatEvery(message.data) ?? heartbeatMs;
      if (announced === heartbeatMs) return;
      // The server's cadence is not the one assumed: the watchdog follows it from now on.
      heartbeatMs = announced;
      watch();
    });
    next.addEventListener('open', () => {
      heardAt = Date.now();
      watch();
      retryMs = FIRST_RETRY_MS;
      setState('open');
      // Pushes sent while the stream was down (or not yet up) are lost: whoever shows data
      // refetches it. A view that loaded before the first open would otherwise keep, say, a run
      // "running" that ended in between, with no push left to say so.
      if (wasOpen || calledBeforeOpen) for (const listener of reconnectListeners) listener();
      wasOpen = true;
      calledBeforeOpen = false;
    });
    next.addEventListener('error', () => {
      setState(wasOpen ? 'reconnecting' : 'connecting');
      // The watchdog is for a stream that looks open; this one says it is not.
      clearTimeout(watchdog);
      watchdog = undefined;
      // EventSource retries by itself unless the server refused the stream (401, 5xx, …).
      if (next.readyState === EventSource.CLOSED) {
        next.close();
        if (source === next) source = null;
        retryTimer = setTimeout(open, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    });
  };

  const ensureOpen = () => {
    if (source === null && retryTimer === undefined) open();
  };

  return {
    async call(method: MethodName, input: unknown): Promise<WireResult<unknown>> {
      if (!wasOpen) calledBeforeOpen = true;
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/rpc/${method}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: {
            code: 'unavailable',
            message: 'Switchboard is not reachable. Is it still running?',
          },
        };
      }
      const body = await readJson(response);
      if (response.ok) return { ok: true, value: body };
      const error = isRecord(body) ? body.error : null;
      if (isWireError(error)) return { ok: false, error };
      return {
        ok: false,
        error: {
          code: 'internal',
          message: `The server answered ${response.status} ${response.statusText}`,
        },
      };
    },
    subscribe(listener) {
      listeners.add(listener);
      ensureOpen();
      return () => listeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      ensureOpen();
      return () => reconnectListeners.delete(listener);
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}
