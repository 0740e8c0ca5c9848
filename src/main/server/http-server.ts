// The local API over HTTP: /health, POST /rpc/<method>, GET /events (SSE), the built panel at /
// with SPA routes, and any public routes (webhooks) handed in. 127.0.0.1 only; see docs/api.md
// for who may call it and the limits it holds.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiHandlers, PushEvent } from '../../shared/contract';
import { dispatch } from '../../shared/dispatch';
import { HTTP_STATUS } from '../../shared/errors';
import { PANEL_CSP } from '../../shared/panel-csp';
import { streamEvents } from './event-stream';
import { handleExport, type ExportStreams } from './export-route';
import {
  crossOriginRefusal,
  hostAllowed,
  isJsonRequest,
  presentedToken,
  tokenCookie,
  tokenMatches,
  usesBearer,
} from './http-auth';
import { BodyError, readBody, sendBodyError, sendError, sendJson } from './http-io';
import { decodePath, openPanelFile, panelPath } from './panel-files';

/** A route that does its own authentication (webhooks check their own secret). */
export type PublicRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpServerOptions {
  handlers: ApiHandlers;
  subscribe: (listener: (event: PushEvent) => void) => () => void;
  token: string;
  /** The built renderer (out/renderer); the panel is not served when it is missing. */
  staticDir: string | null;
  publicRoutes?: PublicRoute[];
  /** How often the push stream says it is alive (shared/event-stream); 15 s unless set. */
  heartbeatMs?: number;
  /** GET /export/<runId> downloads; absent: no such route. */
  exports?: ExportStreams;
}

/** Room for a 1 MiB prompt even when every character is escaped in the JSON. */
export const MAX_RPC_BODY_BYTES = 8 * 1024 * 1024;

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(
  options: HttpServerOptions,
  port: number,
): Promise<RunningServer> {
  let ownPort = port;
  const server = createServer((req, res) => {
    handle(options, ownPort, req, res).catch((error: unknown) => {
      console.error('[serve] request failed:', error);
      if (!res.headersSent) sendError(res, 500, 'internal', 'Internal error');
      else res.destroy();
    });
  });
  // A client that breaks off mid-request must not take the server with it.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  ownPort = (server.address() as AddressInfo).port;
  return {
    server,
    port: ownPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(
  options: HttpServerOptions,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!hostAllowed(req)) {
    sendError(res, 403, 'unauthorized', `Host not allowed; use 127.0.0.1:${port}`);
    return;
  }
  const url = requestUrl(req);
  if (url === null) {
    sendError(res, 400, 'bad_input', 'The request path is not a valid URL path');
    return;
  }
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
  const refusal = crossOriginRefusal(req);
  if (refusal !== null) {
    sendError(res, 403, 'unauthorized', refusal);
    return;
  }
  if (!tokenMatches(presentedToken(req), options.token)) {
    sendUnauthorized(req, res);
    return;
  }
  if (url.pathname.startsWith('/rpc/')) {
    await handleRpc(options, req, res, url.pathname.slice('/rpc/'.length));
    return;
  }
  if (options.exports && url.pathname.startsWith('/export/')) {
    await handleExport(options.exports, req, res, url);
    return;
  }
  if (url.pathname === '/events' && req.method === 'GET') {
    streamEvents(options.subscribe, req, res, options.heartbeatMs);
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    await servePanel(options.staticDir, url.pathname, req, res);
    return;
  }
  sendError(res, 404, 'not_found', `No route ${req.method ?? ''} ${url.pathname}`);
}

/** The request's path and query; null for a target that is not a path (absolute-form, junk). */
function requestUrl(req: IncomingMessage): URL | null {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return null;
  try {
    // Prefixing keeps `//host/x` a path rather than a host.
    return new URL(`http://127.0.0.1${target}`);
  } catch {
    return null;
  }
}

async function handleRpc(
  options: HttpServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
  encodedMethod: string,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendError(res, 405, 'bad_input', 'Use POST for /rpc methods');
    return;
  }
  const method = decodePath(encodedMethod);
  if (method === null) {
    sendError(res, 400, 'bad_input', 'The method name has a bad % escape');
    return;
  }
  if (!usesBearer(req) && !isJsonRequest(req)) {
    // What a page elsewhere can send with the cookie and no preflight: forms and text/plain.
    req.resume();
    sendError(
      res,
      415,
      'bad_input',
      'Send the body as Content-Type: application/json (or authenticate with a bearer token)',
    );
    return;
  }
  let input: unknown;
  try {
    const body = await readBody(req, MAX_RPC_BODY_BYTES);
    input = body.trim() === '' ? {} : (JSON.parse(body) as unknown);
  } catch (error) {
    if (error instanceof BodyError) sendBodyError(req, res, error);
    else if (error instanceof SyntaxError)
      sendError(res, 400, 'bad_input', `The body is not valid JSON: ${error.message}`);
    else throw error;
    return;
  }
  const result = await dispatch(options.handlers, method, input);
  if (result.ok) sendJson(res, 200, result.value);
  else sendJson(res, HTTP_STATUS[result.error.code], { error: result.error });
}

async function servePanel(
  staticDir: string | null,
  encodedPath: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (staticDir === null) {
    sendError(res, 404, 'not_found', 'The panel is not built; run `npm run build` first.');
    return;
  }
  const target = panelPath(staticDir, encodedPath);
  if (target.kind === 'bad_request') {
    sendError(res, 400, 'bad_input', target.message);
    return;
  }
  const opened = await openPanelFile(target.file);
  if (opened === null) {
    sendError(res, 404, 'not_found', `No panel file ${encodedPath}`);
    return;
  }
  res.writeHead(200, {
    'Content-Type': target.contentType,
    'Content-Length': String(opened.size),
    'Cache-Control': target.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    ...(target.contentType.startsWith('text/html') ? { 'Content-Security-Policy': PANEL_CSP } : {}),
  });
  if (req.method === 'HEAD') {
    await opened.handle.close();
    res.end();
    return;
  }
  const stream = opened.handle.createReadStream({ end: Math.max(0, opened.size - 1) });
  // A read failing halfway (the disk, a file truncated meanwhile) ends this response only.
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  if (opened.size === 0) {
    stream.destroy();
    res.end();
    return;
  }
  stream.pipe(res);
}

function sendUnauthorized(req: IncomingMessage, res: ServerResponse): void {
  const wantsPage = req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
  if (!wantsPage) {
    sendError(res, 401, 'unauthorized', 'Missing or wrong token (Authorization: Bearer <token>)');
    return;
  }
  res.writeHead(401, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(
    '<!doctype html><title>Switchboard</title><body style="font-family:system-ui;padding:2rem">' +
      '<h1>Switchboard</h1><p>Open the link that <code>npm run serve</code> printed ' +
      '(it ends in <code>?token=…</code>) to sign this browser in.</p></body>',
  );
}
