// Hands the one Connection to every view, with hooks for calls, push events and reconnects.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ApiClient } from '../../../shared/client';
import type { PushEvent } from '../../../shared/contract';
import type { DesktopBridge } from '../../../shared/desktop-bridge';
import type { Connection, ConnectionState } from './connection';

const ConnectionContext = createContext<Connection | null>(null);

export function ConnectionProvider(props: { connection: Connection; children: ReactNode }) {
  return <ConnectionContext value={props.connection}>{props.children}</ConnectionContext>;
}

function useConnection(): Connection {
  const connection = useContext(ConnectionContext);
  if (connection === null) throw new Error('useConnection outside ConnectionProvider');
  return connection;
}

export function useApi(): ApiClient {
  return useConnection().client;
}

export function useDesktop(): DesktopBridge | null {
  return useConnection().desktop;
}

/** Calls `listener` for every push event; the latest listener is used without resubscribing. */
export function usePushEvents(listener: (event: PushEvent) => void): void {
  const { client } = useConnection();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => client.subscribe((event) => latest.current(event)), [client]);
}

/** Calls `listener` whenever the event stream came back after a drop. */
export function useReconnect(listener: () => void): void {
  const connection = useConnection();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => connection.onReconnect(() => latest.current()), [connection]);
}

/**
 * Calls `listener` whenever the engine is heard from (the event stream came back after a drop,
 * or a push arrived): proof that it is reachable again.
 */
export function useEngineHeard(listener: () => void): void {
  const connection = useContext(ConnectionContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    if (connection === null) return;
    const stopReconnect = connection.onReconnect(() => latest.current());
    const stopEvents = connection.client.subscribe(() => latest.current());
    return () => {
      stopReconnect();
      stopEvents();
    };
  }, [connection]);
}

export function useConnectionState(): ConnectionState {
  const connection = useConnection();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => connection.onStateChange(setState), [connection]);
  return state;
}
