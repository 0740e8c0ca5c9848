// The local API over HTTP: /health, POST /rpc/<method>, GET /events (SSE), the built panel at /
// with SPA routes, and any public routes (webhooks) handed in. 127.0.0.1 only.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { ApiHandlers, PushEvent } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { HTTP_STATUS } from '../../shared/errors';
import { PANEL_CSP } from '../../shared/panel-csp';
import { hostAllowed, originAllowed, presentedToken, tokenCookie, tokenMatches } from './http-auth';
import { readBody, sendJson, BodyError } from './http-io';

/** A route that does its own authentication (webhooks check their own secret). */
export type PublicRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpServerOptions {
  handlers: ApiHandlers;
  subscribe: (listener: (event: PushEvent) => void) => () => void;
  token: string;
  /** The built renderer (out/renderer); the panel is not served when it is missing. */
  staticDir: string | null;
  publicRoutes?: PublicRoute[];
}

const MAX_RPC_BODY = 2 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(
  options: HttpServerOptions,
  port: number,
): Promise<RunningServer> {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      console.error('[serve] request failed:', error);
      if (!res.headersSent)
        sendJson(res, 500, { error: { code: 'internal', message: 'Internal error' } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  options: HttpServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!hostAllowed(req)) {
    sendJson(res, 403, { error: { code: 'unauthorized', message: 'Host not allowed' } });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/health') {
    sendJson(res, 200, { ok: true });
    return;
  }
  for (const route of options.publicRoutes ?? []) {
    if (await route(req, res, url)) return;
  }
  const linkToken = url.searchParams.get('token');
  if (req.method === 'GET' && linkToken !== null && tokenMatches(linkToken, options.token)) {
    // Opening the printed link signs the browser in; the token leaves the address bar.
    url.searchParams.delete('token');
    res.writeHead(303, {
      'Set-Cookie': tokenCookie(options.token),
      Location: url.pathname + url.search,
    });
    res.end();
    return;
  }
  if (!tokenMatches(presentedToken(req), options.token) || !originAllowed(req)) {
    sendUnauthorized(req, res);
    return;
  }
  if (url.pathname.startsWith('/rpc/')) {
    await handleRpc(options, req, res, decodeURIComponent(url.pathname.slice('/rpc/'.length)));
    return;
  }
  if (url.pathname === '/events' && req.method === 'GET') {
    streamEvents(options, req, res);
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    serveStatic(options.staticDir, url.pathname, res);
    return;
  }
  sendJson(res, 404, {
    error: { code: 'not_found', message: `No route ${req.method ?? ''} ${url.pathname}` },
  });
}

async function handleRpc(
  options: HttpServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
): Promise<void> {
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: { code: 'bad_input', message: 'Use POST for /rpc methods' } });
    return;
  }
  let input: unknown;
  try {
    const body = await readBody(req, MAX_RPC_BODY);
    input = body.trim() === '' ? {} : (JSON.parse(body) as unknown);
  } catch (error) {
    const message = error instanceof BodyError ? error.message : 'The body is not valid JSON';
    sendJson(res, error instanceof BodyError ? error.status : 400, {
      error: { code: 'bad_input', message },
    });
    return;
  }
  const result = await dispatch(options.handlers, method, input);
  if (result.ok) sendJson(res, 200, result.value);
  else sendJson(res, HTTP_STATUS[result.error.code], { error: result.error });
}

function streamEvents(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = options.subscribe((event) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

function serveStatic(staticDir: string | null, pathname: string, res: ServerResponse): void {
  if (staticDir === null || !existsSync(join(staticDir, 'index.html'))) {
    sendJson(res, 404, {
      error: { code: 'not_found', message: 'The panel is not built; run `npm run build` first.' },
    });
    return;
  }
  const candidate = normalize(join(staticDir, decodeURIComponent(pathname)));
  const inside = candidate.startsWith(staticDir + sep);
  const isFile = inside && existsSync(candidate) && statSync(candidate).isFile();
  // Anything that is not a built file is a panel route (/runs/<id>, /inbox, …): the SPA handles it.
  const file = isFile ? candidate : join(staticDir, 'index.html');
  const immutable = isFile && pathname.startsWith('/assets/');
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(extname(file) === '.html' ? { 'Content-Security-Policy': PANEL_CSP } : {}),
  });
  createReadStream(file).pipe(res);
}

function sendUnauthorized(req: IncomingMessage, res: ServerResponse): void {
  const wantsPage = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  if (!wantsPage) {
    sendJson(res, 401, {
      error: {
        code: 'unauthorized',
        message: 'Missing or wrong token (Authorization: Bearer <token>)',
      },
    });
    return;
  }
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(
    '<!doctype html><title>Switchboard</title><body style="font-family:system-ui;padding:2rem">' +
      '<h1>Switchboard</h1><p>Open the link that <code>npm run serve</code> printed ' +
      '(it ends in <code>?token=…</code>) to sign this browser in.</p></body>',
  );
}
