// Picks how the panel reaches the engine: the desktop bridge (IPC) when the preload put one on
// `window.switchboard`, else the local HTTP API. Either way the views get the same ApiClient.
import { createApiClient, type ApiClient, type Transport } from '../../../shared/client';
import type { PushEvent } from '../../../shared/contract';
import type { EngineStatus } from '../../../shared/domain';
import { DESKTOP_BRIDGE_KEY, type DesktopBridge } from '../../../shared/desktop-bridge';
import type { WireResult } from '../../../shared/errors';
import { createHttpTransport } from './http-transport';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** A transport whose event stream can drop and come back (HTTP); IPC never does. */
export interface ReconnectingTransport extends Transport {
  /** Called after the event stream came back; pushes in between were missed. */
  onReconnect(listener: () => void): () => void;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
}

export interface Connection {
  client: ApiClient;
  onReconnect(listener: () => void): () => void;
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /** Present in the desktop app only. */
  desktop: DesktopBridge | null;
}

export function desktopBridge(): DesktopBridge | null {
  const candidate = (window as unknown as Record<string, unknown>)[DESKTOP_BRIDGE_KEY];
  if (typeof candidate !== 'object' || candidate === null) return null;
  const bridge = candidate as Partial<DesktopBridge>;
  return typeof bridge.call === 'function' && typeof bridge.subscribe === 'function'
    ? (candidate as DesktopBridge)
    : null;
}

export function createConnection(): Connection {
  const bridge = desktopBridge();
  if (bridge !== null) {
    const shared = sharedSubscription({
      // The answer crosses the context bridge as text and is parsed here, once.
      call: async (method, input) =>
        JSON.parse(await bridge.call(method, input)) as WireResult<unknown>,
      subscribe: (listener) => bridge.subscribe(listener),
    });
    return {
      client: createApiClient(shared),
      // IPC never drops, but the engine host behind it can restart: pushes in between are lost.
      onReconnect: (listener) => {
        let down = false;
        return onEngineStatus(shared, (state) => {
          if (state !== 'running') down = true;
          else if (down) {
            down = false;
            listener();
          }
        });
      },
      onStateChange: (listener) => {
        listener('open');
        return onEngineStatus(shared, (state) =>
          listener(state === 'running' ? 'open' : 'reconnecting'),
        );
      },
      desktop: bridge,
    };
  }
  const http = createHttpTransport();
  return {
    client: createApiClient(http),
    onReconnect: (listener) => http.onReconnect(listener),
    onStateChange: (listener) => http.onStateChange(listener),
    desktop: null,
  };
}

function onEngineStatus(
  transport: Transport,
  listener: (state: EngineStatus['state']) => void,
): () => void {
  return transport.subscribe((event) => {
    if (event.type === 'engine.status') listener(event.payload.state);
  });
}

/**
 * Many views listen at once; the bridge gets one subscription for all of them (each IPC listener
 * is one more on the same channel) and the panel hands events out itself.
 */
function sharedSubscription(transport: Transport): Transport {
  const listeners = new Set<(event: PushEvent) => void>();
  let subscribed = false;
  return {
    call: (method, input) => transport.call(method, input),
    subscribe(listener) {
      listeners.add(listener);
      if (!subscribed) {
        subscribed = true;
        transport.subscribe((event) => {
          for (const each of [...listeners]) each(event);
        });
      }
      return () => listeners.delete(listener);
    },
  };
}
