// Errors that cross the wire: a code the caller can act on and a sentence a person can read.

export const ERROR_CODES = [
  'bad_input',
  'not_found',
  'conflict',
  'unavailable',
  'unauthorized',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
  /** The input field at fault, for bad_input. */
  field?: string;
}

/** What a method call returns across a transport: a value, or an error, never a throw. */
export type WireResult<T> = { ok: true; value: T } | { ok: false; error: WireError };

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
  }

  toWire(): WireError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError('not_found', `No ${what} with id ${id}`);

export const badInput = (field: string, message: string): ApiError =>
  new ApiError('bad_input', `${field}: ${message}`, field);

export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.code)
  );
}
