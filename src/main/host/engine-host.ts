// The engine host: the engine on its data folder (settings through conf, secrets in the keychain)
// plus its local HTTP API. The app runs it in a utility process, `npm run serve` in its own process.
import { createEngine, type Engine, type EngineOptions } from '../engine/engine';
import { KeychainSecretStore } from '../engine/secrets/keychain-secret-store';
import { ConfSettingsBackend } from '../engine/settings/conf-settings-backend';
import type { HostConfig, HostReadyInfo } from './host-protocol';
import { LocalApi } from './local-api';

export interface RunningHost {
  engine: Engine;
  localApi: LocalApi;
  info: HostReadyInfo;
  /** Closes the API, then stops the engine (sessions ended, lock released). */
  stop(): Promise<void>;
}

/** Test seams only (a fake query, a memory secret store); the launchers pass none. */
export type EngineOverrides = Partial<Omit<EngineOptions, 'dataDir' | 'holder' | 'env'>>;

export async function startEngineHost(
  config: HostConfig,
  overrides: EngineOverrides = {},
): Promise<RunningHost> {
  let localApi: LocalApi | null = null;
  const engine = await createEngine({
    dataDir: config.dataDir,
    holder: config.holder,
    env: config.env,
    settings: new ConfSettingsBackend(config.dataDir),
    secrets: new KeychainSecretStore({ service: config.keychainService || undefined }),
    defaultClaudeExecutable: config.defaultClaudeExecutable,
    monitorIntervalMs: config.timings?.monitorIntervalMs,
    minuteMs: config.timings?.minuteMs,
    pullRequests: { pollMs: config.timings?.pullRequestPollMs },
    localApiState: async () =>
      localApi
        ? localApi.state()
        : { enabled: false, url: null, signInUrl: null, error: 'starting' },
    ...overrides,
  });
  const api = new LocalApi({
    engine,
    dataDir: config.dataDir,
    token: config.localApi.token,
    staticDir: config.staticDir,
    fixedPort: config.localApi.port,
    heartbeatMs: config.localApi.heartbeatMs,
    required: config.localApi.required,
  });
  localApi = api;
  await api.apply(engine.services.settings.get());
  const first = await api.state();
  if (config.localApi.required && first.url === null) {
    await engine.stop();
    throw new Error(first.error ?? 'The local API did not start');
  }
  const unsubscribe = engine.subscribe((event) => {
    if (event.type === 'settings.updated') void api.apply(event.payload);
  });
  let stopping: Promise<void> | null = null;
  return {
    engine,
    localApi: api,
    info: {
      pid: process.pid,
      localApi: first,
      recovered: {
        interrupted: engine.recovered.interrupted.length,
        reapedPids: engine.recovered.reaped
          .filter((reaped) => reaped.outcome === 'terminated')
          .map((reaped) => reaped.pid),
      },
    },
    stop() {
      stopping ??= (async () => {
        unsubscribe();
        await api.stop();
        await engine.stop();
      })();
      return stopping;
    },
  };
}
