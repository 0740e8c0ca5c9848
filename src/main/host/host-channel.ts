// The host's end of the protocol: start once with a config, answer calls through the contract's
// dispatch, push every engine event, stop cleanly. Transport-free: host-entry adapts the real port.
import { dispatch } from '../../shared/dispatch';
import { startEngineHost, type RunningHost } from './engine-host';
import { asToHost, type FromHost, type HostConfig } from './host-protocol';

export interface HostPort {
  post(message: FromHost): void;
  onMessage(listener: (message: unknown) => void): void;
}

export interface HostChannelOptions {
  start?: (config: HostConfig) => Promise<RunningHost>;
  /** Ends the process once the last message is on its way. */
  exit: (code: number) => void;
}

/** Serves the protocol on `port`; the handle stops the host as a 'stop' message would. */
export function serveHostProtocol(
  port: HostPort,
  options: HostChannelOptions,
): { stop(): Promise<void> } {
  const start = options.start ?? ((config: HostConfig) => startEngineHost(config));
  let host: Promise<RunningHost | null> | null = null;
  let stopping = false;

  const begin = (config: HostConfig) => {
    host = start(config).then(
      (running) => {
        running.engine.subscribe((event) => port.post({ type: 'event', event }));
        port.post({ type: 'ready', info: running.info });
        return running;
      },
      (error: unknown) => {
        port.post({ type: 'failed', message: describe(error) });
        options.exit(1);
        return null;
      },
    );
  };

  const call = async (id: number, method: string, input: unknown) => {
    const running = host ? await host : null;
    const result =
      running && !stopping
        ? await dispatch(running.engine.handlers, method, input)
        : ({
            ok: false,
            error: { code: 'unavailable', message: 'The engine is not running.' },
          } as const);
    port.post({ type: 'result', id, json: JSON.stringify(result) });
  };

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    const running = host ? await host : null;
    try {
      await running?.stop();
    } catch (error) {
      console.error('[switchboard] engine stop failed:', error);
    }
    port.post({ type: 'stopped' });
    options.exit(0);
  };

  port.onMessage((raw) => {
    const message = asToHost(raw);
    if (!message) return;
    if (message.type === 'start') {
      if (host === null) begin(message.config);
    } else if (message.type === 'call') {
      void call(message.id, message.method, message.input);
    } else {
      void stop();
    }
  });
  return { stop };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
