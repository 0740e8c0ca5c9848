// The HTTP server's panel files under stress: a file deleted or cut short while it is being sent,
// a missing asset, an SPA route, and a request that breaks off; the server keeps answering.
import { mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../src/shared/contract';
import { startHttpServer, type RunningServer } from '../../../src/main/server/http-server';
import { tempDir } from '../../support/claude-env';
import { rawRequest } from '../../support/raw-http';

const TOKEN = 'panel-serving-token';
const BIG = 32 * 1024 * 1024;
let dir: string;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  dir = tempDir('panel');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  const handlers = new Proxy({} as ApiHandlers, {
    get: () => () => Promise.resolve({ ok: true }),
  });
  server = await startHttpServer(
    { handlers, subscribe: () => () => {}, token: TOKEN, staticDir: dir },
    0,
  );
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => server.close());

const auth = { Authorization: `Bearer ${TOKEN}` };
const alive = async () => expect((await rawRequest(base, { path: '/health' })).status).toBe(200);

/** Starts a GET and resolves once the first bytes arrived, with a way to read the rest. */
function startDownload(path: string) {
  return new Promise<{ rest: Promise<{ bytes: number; error: string | null }> }>(
    (resolve, reject) => {
      const req = request(`${base}${path}`, { headers: auth }, (res) => {
        let bytes = 0;
        const rest = new Promise<{ bytes: number; error: string | null }>((done) => {
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => done({ bytes, error: null }));
          res.on('error', (error) => done({ bytes, error: error.message }));
          res.on('aborted', () => done({ bytes, error: 'aborted' }));
        });
        res.once('data', () => {
          res.pause();
          resolve({ rest });
          setTimeout(() => res.resume(), 200);
        });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('panel files', () => {
  it('serves an asset, the SPA for a route, and 404 for a missing asset', async () => {
    expect((await rawRequest(base, { path: '/assets/app.js', headers: auth })).text).toBe(
      'console.log(1)',
    );
    expect((await rawRequest(base, { path: '/tasks/task_1', headers: auth })).text).toContain(
      'root',
    );
    const missing = await rawRequest(base, { path: '/assets/gone.js', headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.message).toBe('No panel file /assets/gone.js');
  });

  it('finishes sending a file deleted meanwhile, and survives one cut short', async () => {
    const file = join(dir, 'assets', 'big.bin');
    writeFileSync(file, Buffer.alloc(BIG, 1));
    const deleted = await startDownload('/assets/big.bin');
    rmSync(file);
    expect(await deleted.rest).toEqual({ bytes: BIG, error: null });
    await alive();

    writeFileSync(file, Buffer.alloc(BIG, 2));
    const cut = await startDownload('/assets/big.bin');
    truncateSync(file, 1024);
    const outcome = await cut.rest;
    // The client learns that the body is short of its Content-Length; the server lives on.
    expect(outcome.bytes).toBeLessThan(BIG);
    await alive();
    expect((await rawRequest(base, { path: '/assets/big.bin', headers: auth })).text.length).toBe(
      1024,
    );
  });

  it('answers an oversized body with 413 and JSON, not a reset', async () => {
    const response = await rawRequest(base, {
      method: 'POST',
      path: '/rpc/tasks.list',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: Buffer.alloc(9 * 1024 * 1024, 32),
    });
    expect(response.status).toBe(413);
    expect(response.message).toBe('The body is larger than the limit of 8,388,608 bytes');
    await alive();
  });
});
