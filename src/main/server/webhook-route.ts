// POST /hooks/<triggerId>: a webhook trigger's public door. It checks its own secret
// (X-Switchboard-Secret), not the API token, and answers 202 with the run it started.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookReceiver, WebhookRefusal } from '../engine/triggers/webhook-desk';
import type { PublicRoute } from './http-server';
import { sendJson } from './http-io';

const HOOK_PATH = /^\/hooks\/([^/]+)\/?$/;
const REFUSAL_STATUS: Record<WebhookRefusal['reason'], number> = {
  unknown: 404,
  unauthorized: 401,
  paused: 503,
  rate_limited: 429,
};
const REFUSAL_CODE: Record<WebhookRefusal['reason'], string> = {
  unknown: 'not_found',
  unauthorized: 'unauthorized',
  paused: 'unavailable',
  rate_limited: 'rate_limited',
};

export function webhookRoute(hooks: WebhookReceiver): PublicRoute {
  return async (req, res, url) => {
    const match = HOOK_PATH.exec(url.pathname);
    if (!match?.[1]) return false;
    await handleHook(hooks, decodeURIComponent(match[1]), req, res);
    return true;
  };
}

async function handleHook(
  hooks: WebhookReceiver,
  triggerId: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendJson(res, 405, { error: { code: 'bad_input', message: 'Use POST for webhooks' } });
    return;
  }
  const header = req.headers['x-switchboard-secret'];
  const refusal = hooks.admit(triggerId, Array.isArray(header) ? header[0] : header);
  if (refusal) {
    req.resume();
    if (refusal.reason === 'rate_limited')
      res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
    sendJson(res, REFUSAL_STATUS[refusal.reason], {
      error: { code: REFUSAL_CODE[refusal.reason], message: refusal.message },
    });
    return;
  }
  const body = await readLimited(req, hooks.maxBodyBytes);
  if (body === null) {
    // The rest of the body is not read; closing the connection discards it.
    res.setHeader('Connection', 'close');
    sendJson(res, 413, {
      error: { code: 'bad_input', message: `The body is larger than ${hooks.maxBodyBytes} bytes` },
    });
    return;
  }
  const delivery = hooks.deliver(triggerId, body, req.headers['content-type']);
  if (!delivery.ok) {
    const status = delivery.reason === 'unknown' ? 404 : 400;
    sendJson(res, status, {
      error: { code: status === 404 ? 'not_found' : 'bad_input', message: delivery.message },
    });
    return;
  }
  const { requestId, outcome, runId } = delivery;
  if (outcome === 'skipped') {
    sendJson(res, 409, {
      error: {
        code: 'conflict',
        message: `Not started: ${delivery.message ?? 'the task is busy'}`,
      },
      requestId,
      outcome,
      runId,
    });
    return;
  }
  sendJson(res, 202, { runId, requestId, outcome });
}

/** The body as text, or null as soon as it is larger than `maxBytes`. */
function readLimited(req: IncomingMessage, maxBytes: number): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
