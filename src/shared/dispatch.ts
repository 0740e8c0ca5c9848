// Validates a raw method call against the contract and runs its handler, returning a WireResult.
// Both transports (IPC and HTTP) go through here, so validation and error shapes match exactly.
import { z } from 'zod';
import { isMethodName, methods, type ApiHandlers, type MethodName } from './contract';
import { ApiError, type WireResult } from './errors';

export async function dispatch(
  handlers: ApiHandlers,
  name: string,
  rawInput: unknown,
): Promise<WireResult<unknown>> {
  if (!isMethodName(name)) {
    // Echoed only in part: the name is whatever the caller sent.
    const shown = name.length > 100 ? `${name.slice(0, 100)}…` : name;
    return { ok: false, error: { code: 'not_found', message: `Unknown method ${shown}` } };
  }
  const parsed = methods[name].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error) };
  try {
    const value = await callHandler(handlers, name, parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toWire() };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message } };
  }
}

function callHandler(handlers: ApiHandlers, name: MethodName, params: unknown): Promise<unknown> {
  // The schema for `name` produced `params`, so it is that handler's parameter type.
  const handler = handlers[name] as (params: unknown) => Promise<unknown>;
  return handler(params);
}

function describeZodError(error: z.ZodError): {
  code: 'bad_input';
  message: string;
  field: string;
} {
  const issue = error.issues[0];
  const at = issue ? issue.path.map(String) : [];
  if (issue?.code === 'unrecognized_keys') {
    // Named as the caller wrote them, so a typo such as `concurrencyy` is plain to see.
    const unknown = issue.keys.map((key) => [...at, key].join('.'));
    const many = unknown.length > 1;
    return {
      code: 'bad_input',
      message: `unknown field${many ? 's' : ''} ${unknown.join(', ')}`,
      field: unknown[0] ?? 'input',
    };
  }
  const field = at.length > 0 ? at.join('.') : 'input';
  const message = issue?.message ?? 'invalid input';
  return { code: 'bad_input', message: `${field}: ${message}`, field };
}
