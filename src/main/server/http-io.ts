// Small HTTP helpers: the one size-limited body reader (RPC and webhooks) and JSON responses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode } from '../../shared/errors';

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** How much of an oversized body is read and thrown away so the client gets to see the 413. */
const DRAIN_FACTOR = 4;

/**
 * The body as text. Over `maxBytes` it rejects with a 413 BodyError once the client has finished
 * sending (the rest is read and discarded, so the answer is not lost in a reset connection); a
 * client that keeps sending far beyond the limit is cut off after the 413 is written.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  return (await readRawBody(req, maxBytes)).toString('utf8');
}

/** The body's bytes as sent (a signature is computed over them, not over decoded text). */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const tooLarge = () =>
      new BodyError(
        413,
        `The body is larger than the limit of ${maxBytes.toLocaleString('en')} bytes`,
      );
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes * DRAIN_FACTOR) {
      req.pause();
      reject(tooLarge());
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else if (size > maxBytes * DRAIN_FACTOR) {
        req.pause();
        reject(tooLarge());
      }
    });
    req.on('end', () => {
      if (size > maxBytes) reject(tooLarge());
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode | 'rate_limited',
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { code, message } }, headers);
}

/** Answers a body the reader refused; a body still being sent is cut off after the answer. */
export function sendBodyError(req: IncomingMessage, res: ServerResponse, error: BodyError): void {
  const unread = !req.complete;
  sendError(res, error.status, 'bad_input', error.message, unread ? { Connection: 'close' } : {});
  if (unread) res.on('finish', () => req.destroy());
}
