// `npm run serve`: the engine and the panel over HTTP on 127.0.0.1, no Electron needed.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors';
import { createEngine } from '../engine/engine';
import { exitOnSignals } from '../engine/lifecycle/clean-stop';
import { KeychainSecretStore } from '../engine/secrets/keychain-secret-store';
import { ConfSettingsBackend } from './conf-settings-backend';
import { defaultDataDir } from './data-dir';
import { startHttpServer } from './http-server';
import { webhookRoute } from './webhook-route';

const DEFAULT_PORT = 7420;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    console.log('Usage: npm run serve -- [--port <port>]   (0 picks a free port)');
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port number: ${values.port ?? ''}`);

  const env = { ...process.env };
  const dataDir = defaultDataDir(env);
  const token = env.SWITCHBOARD_TOKEN || randomBytes(24).toString('base64url');
  const engine = await createEngine({
    dataDir,
    holder: 'serve',
    env,
    settings: new ConfSettingsBackend(dataDir),
    secrets: new KeychainSecretStore({ service: env.SWITCHBOARD_KEYCHAIN_SERVICE || undefined }),
  });
  const staticDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const server = await startHttpServer(
    {
      handlers: engine.handlers,
      subscribe: (listener) => engine.subscribe(listener),
      token,
      staticDir: existsSync(staticDir) ? staticDir : null,
      publicRoutes: [webhookRoute(engine.services.triggers.webhooks)],
    },
    port,
  );
  console.log(`Switchboard data: ${dataDir}`);
  for (const reaped of engine.recovered.reaped) {
    if (reaped.outcome === 'terminated')
      console.log(`Recovery: reaped Claude Code pid ${reaped.pid}`);
  }
  if (engine.recovered.interrupted.length > 0) {
    console.log(`Recovery: ${engine.recovered.interrupted.length} run(s) marked interrupted`);
  }
  if (engine.recovered.autoResumed.length > 0) {
    console.log(
      `Recovery: ${engine.recovered.autoResumed.length} run(s) resumed by their task's policy`,
    );
  }
  console.log(`Switchboard is serving at http://127.0.0.1:${server.port}/?token=${token}`);

  // Stop admitting requests first, then let the engine end its sessions and close the store.
  exitOnSignals(async () => {
    await server.close();
    await engine.stop();
  });
}

main().catch((error: unknown) => {
  const message =
    error instanceof ApiError || error instanceof Error ? error.message : String(error);
  console.error(`switchboard serve: ${message}`);
  process.exit(1);
});
