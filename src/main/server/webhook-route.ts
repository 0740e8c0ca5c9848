// POST /hooks/<triggerId>: a webhook trigger's public door. It checks its own secret
// (X-Switchboard-Secret, or GitHub's X-Hub-Signature-256 of the body), not the API token, and
// answers 202 with the run it started; a delivery id seen before answers 200 with the first's.
// GitHub's `ping` (sent when a hook is added) is answered 200 once authenticated: it starts no run.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  WebhookCredential,
  WebhookReceiver,
  WebhookRefusal,
} from '../engine/triggers/webhook-desk';
import type { PublicRoute } from './http-server';
import { BodyError, readRawBody, sendBodyError, sendJson } from './http-io';
import { decodePath } from './panel-files';

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
    const triggerId = decodePath(match[1]);
    if (triggerId === null) {
      sendJson(res, 400, { error: { code: 'bad_input', message: 'The path has a bad % escape' } });
      return true;
    }
    await handleHook(hooks, triggerId, req, res);
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
  const signature = headerValue(req, 'x-hub-signature-256');
  // A plain secret is checked before the body is read; a signature needs the body first.
  let raw: Buffer | undefined;
  if (signature === undefined) {
    const credential = {
      kind: 'secret',
      secret: headerValue(req, 'x-switchboard-secret'),
    } as const;
    if (refuse(hooks.admit(triggerId, credential), req, res)) return;
  }
  try {
    raw = await readRawBody(req, hooks.maxBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    sendBodyError(req, res, error);
    return;
  }
  if (signature !== undefined) {
    const credential: WebhookCredential = { kind: 'signature', signature, body: raw };
    if (refuse(hooks.admit(triggerId, credential), req, res)) return;
  }
  if (headerValue(req, 'x-github-event')?.trim().toLowerCase() === 'ping') {
    sendJson(res, 200, { ping: true, message: 'The hook is set up. A ping starts no run.' });
    return;
  }
  const deliveryId =
    headerValue(req, 'x-github-delivery') ?? headerValue(req, 'idempotency-key') ?? null;
  const delivery = hooks.deliver({
    triggerId,
    body: raw.toString('utf8'),
    contentType: req.headers['content-type'],
    deliveryId: deliveryId?.trim() || null,
  });
  if (!delivery.ok) {
    const status = delivery.reason === 'unknown' ? 404 : 400;
    sendJson(res, status, {
      error: { code: status === 404 ? 'not_found' : 'bad_input', message: delivery.message },
    });
    return;
  }
  if (delivery.duplicate) {
    const { requestId, outcome, runId } = delivery;
    sendJson(res, 200, { runId, requestId, outcome, duplicate: true });
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

/** Answers a refused request; true when it was refused. */
function refuse(
  refusal: WebhookRefusal | null,
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  if (!refusal) return false;
  req.resume();
  if (refusal.reason === 'rate_limited')
    res.setHeader('Retry-After', String(refusal.retryAfterSeconds));
  sendJson(res, REFUSAL_STATUS[refusal.reason], {
    error: { code: REFUSAL_CODE[refusal.reason], message: refusal.message },
  });
  return true;
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
