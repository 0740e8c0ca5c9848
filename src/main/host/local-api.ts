// The engine host's local HTTP API: server/'s http server on 127.0.0.1, started, moved or stopped
// as settings change (the desktop app), always on under serve; its URL is announced by the lock.
import type { Settings, LocalApiState } from '../../shared/domain';
import type { Engine } from '../engine/engine';
import { announceApi, withdrawApi } from '../engine/data-folder/api-announcement';
import { startHttpServer, type RunningServer } from '../server/http-server';
import { webhookRoute } from '../server/webhook-route';

export interface LocalApiOptions {
  engine: Pick<Engine, 'handlers' | 'subscribe' | 'services'>;
  dataDir: string;
  token: string;
  staticDir: string | null;
  /** A port that wins over settings (serve's --port). */
  fixedPort?: number;
  /** On whatever the settings say (serve). */
  required: boolean;
  /** The push stream's heartbeat (see HttpServerOptions). */
  heartbeatMs?: number;
}

export class LocalApi {
  private server: RunningServer | null = null;
  /** The port last asked for (null: off), so an unrelated settings change does not rebind. */
  private applied: number | null | undefined = undefined;
  private enabled = false;
  private error: string | null = null;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: LocalApiOptions) {}

  /** Follows the settings; changes are applied one after another, in order. */
  apply(settings: Settings): Promise<void> {
    const enabled = this.options.required || settings.desktop.localApi;
    const port = enabled ? (this.options.fixedPort ?? settings.desktop.localApiPort) : null;
    this.chain = this.chain.then(() => this.switchTo(enabled, port));
    return this.chain;
  }

  /** The state once every pending change is applied. */
  async state(): Promise<LocalApiState> {
    await this.chain;
    const url = this.server ? `http://127.0.0.1:${this.server.port}` : null;
    return {
      enabled: this.enabled,
      url,
      signInUrl: url && `${url}/?token=${encodeURIComponent(this.options.token)}`,
      error: this.error,
    };
  }

  stop(): Promise<void> {
    this.chain = this.chain.then(() => this.close());
    return this.chain;
  }

  private async switchTo(enabled: boolean, port: number | null): Promise<void> {
    this.enabled = enabled;
    if (port === this.applied) return;
    this.applied = port;
    await this.close();
    this.error = null;
    if (port === null) return;
    const { engine, token, staticDir } = this.options;
    try {
      this.server = await startHttpServer(
        {
          handlers: engine.handlers,
          subscribe: (listener) => engine.subscribe(listener),
          token,
          staticDir,
          publicRoutes: [webhookRoute(engine.services.triggers.webhooks)],
          heartbeatMs: this.options.heartbeatMs,
          exports: engine.services.exports,
        },
        port,
      );
      announceApi(this.options.dataDir, `http://127.0.0.1:${this.server.port}`);
    } catch (error) {
      this.error = bindError(port, error);
      console.error(`[switchboard] local API: ${this.error}`);
    }
  }

  private async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    withdrawApi(this.options.dataDir);
    await server.close();
  }
}

function bindError(port: number, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE')
    return `Port ${port} on 127.0.0.1 is in use by another program. Choose another port in Settings.`;
  if (code === 'EACCES') return `Not allowed to listen on port ${port}. Choose another port.`;
  return `Could not listen on port ${port}: ${error instanceof Error ? error.message : String(error)}`;
}
