// `npm run serve`: the engine host (engine + local API on 127.0.0.1) in this Node process, the
// same code the desktop app runs in its utility process. No Electron needed.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/errors';
import { startEngineHost } from '../host/engine-host';
import { exitOnSignals } from '../engine/lifecycle/clean-stop';
import { defaultDataDir } from './data-dir';

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

  // The API token is serve's own: Claude Code sessions (and the commands they run) never get it.
  const { SWITCHBOARD_TOKEN: givenToken, ...env } = process.env;
  const dataDir = defaultDataDir(env);
  const token = givenToken || randomBytes(24).toString('base64url');
  const staticDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const host = await startEngineHost({
    dataDir,
    holder: 'serve',
    env,
    keychainService: env.SWITCHBOARD_KEYCHAIN_SERVICE || undefined,
    staticDir: existsSync(staticDir) ? staticDir : null,
    localApi: { token, port, required: true, heartbeatMs: msFrom(env.SWITCHBOARD_HEARTBEAT_MS) },
    timings: {
      monitorIntervalMs: msFrom(env.SWITCHBOARD_MONITOR_INTERVAL_MS),
      minuteMs: msFrom(env.SWITCHBOARD_MINUTE_MS),
      pullRequestPollMs: msFrom(env.SWITCHBOARD_PR_POLL_MS),
    },
  });
  console.log(`Switchboard data: ${dataDir}`);
  for (const pid of host.info.recovered.reapedPids)
    console.log(`Recovery: reaped Claude Code pid ${pid}`);
  if (host.info.recovered.interrupted > 0)
    console.log(`Recovery: ${host.info.recovered.interrupted} run(s) marked interrupted`);
  console.log(`Switchboard is serving at ${host.info.localApi.signInUrl ?? ''}`);

  // The host stops admitting requests, then the engine ends its sessions and closes the store.
  exitOnSignals(() => host.stop());
}

/**
 * Times tests make short, in ms (100 at least; otherwise the real ones):
 * SWITCHBOARD_HEARTBEAT_MS, how often the push stream says it is alive;
 * SWITCHBOARD_MONITOR_INTERVAL_MS, how often running runs are looked at (15 s);
 * SWITCHBOARD_MINUTE_MS, how long a minute of the stall and waiting-slot settings lasts;
 * SWITCHBOARD_PR_POLL_MS, how often open pull requests are asked for their state and checks (60 s).
 */
function msFrom(text: string | undefined): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= 100 ? value : undefined;
}

main().catch((error: unknown) => {
  const message =
    error instanceof ApiError || error instanceof Error ? error.message : String(error);
  console.error(`switchboard serve: ${message}`);
  process.exit(1);
});
